import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailSearchCommand } from '../shared/commands/mailSearch';

registerCommand(mailSearchCommand, getRuntime);
