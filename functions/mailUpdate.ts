import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailUpdateCommand } from '../shared/commands/mailUpdate';

registerCommand(mailUpdateCommand, getRuntime);
