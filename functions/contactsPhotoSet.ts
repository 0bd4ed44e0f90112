import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { contactsPhotoSetCommand } from '../shared/commands/contactsPhotoSet';

registerCommand(contactsPhotoSetCommand, getRuntime);
