import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { contactsPhotosCommand } from '../shared/commands/contactsPhotos';

registerCommand(contactsPhotosCommand, getRuntime);
