import { registerCommand } from '../shared/protocol/registerCommand';
import { mailGetCommand } from '../shared/commands/mailGet';

registerCommand(mailGetCommand);
