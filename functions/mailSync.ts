import { registerCommand } from '../shared/protocol/registerCommand';
import { mailSyncCommand } from '../shared/commands/mailSync';

registerCommand(mailSyncCommand);
