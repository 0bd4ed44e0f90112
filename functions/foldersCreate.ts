import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { foldersCreateCommand } from '../shared/commands/foldersCreate';

registerCommand(foldersCreateCommand, getRuntime);
