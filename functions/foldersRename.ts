import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { foldersRenameCommand } from '../shared/commands/foldersRename';

registerCommand(foldersRenameCommand, getRuntime);
