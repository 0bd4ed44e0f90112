import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { foldersMoveCommand } from '../shared/commands/foldersMove';

registerCommand(foldersMoveCommand, getRuntime);
