import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailSendCommand } from '../shared/commands/mailSend';

registerCommand(mailSendCommand, getRuntime);
