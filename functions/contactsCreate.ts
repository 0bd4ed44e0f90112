import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { contactsCreateCommand } from '../shared/commands/contactsCreate';

registerCommand(contactsCreateCommand, getRuntime);
