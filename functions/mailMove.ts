import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailMoveCommand } from '../shared/commands/mailMove';

registerCommand(mailMoveCommand, getRuntime);
