import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { contactsUpdateCommand } from '../shared/commands/contactsUpdate';

registerCommand(contactsUpdateCommand, getRuntime);
