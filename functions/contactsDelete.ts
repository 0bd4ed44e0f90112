import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { contactsDeleteCommand } from '../shared/commands/contactsDelete';

registerCommand(contactsDeleteCommand, getRuntime);
