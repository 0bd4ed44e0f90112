import { registerCommand } from '../shared/protocol/registerCommand';
import { foldersSyncCommand } from '../shared/commands/foldersSync';

registerCommand(foldersSyncCommand);
