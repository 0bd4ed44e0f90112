import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { contactsSyncCommand } from '../shared/commands/contactsSync';

registerCommand(contactsSyncCommand, getRuntime);
