import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailDeleteCommand } from '../shared/commands/mailDelete';

registerCommand(mailDeleteCommand, getRuntime);
