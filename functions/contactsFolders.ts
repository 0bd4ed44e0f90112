import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { contactsFoldersCommand } from '../shared/commands/contactsFolders';

registerCommand(contactsFoldersCommand, getRuntime);
