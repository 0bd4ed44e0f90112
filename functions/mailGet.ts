import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailGetCommand } from '../shared/commands/mailGet';

registerCommand(mailGetCommand, getRuntime);
