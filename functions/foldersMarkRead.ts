import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { foldersMarkReadCommand } from '../shared/commands/foldersMarkRead';

registerCommand(foldersMarkReadCommand, getRuntime);
