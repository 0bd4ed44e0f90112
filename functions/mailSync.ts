import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailSyncCommand } from '../shared/commands/mailSync';

registerCommand(mailSyncCommand, getRuntime);
