import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { foldersDeleteCommand } from '../shared/commands/foldersDelete';

registerCommand(foldersDeleteCommand, getRuntime);
