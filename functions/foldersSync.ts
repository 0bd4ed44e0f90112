import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { foldersSyncCommand } from '../shared/commands/foldersSync';

registerCommand(foldersSyncCommand, getRuntime);
