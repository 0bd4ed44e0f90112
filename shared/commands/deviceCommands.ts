import type { AnyCommandDefinition } from '../protocol/commandDefinition';
import { foldersSyncCommand } from './foldersSync';
import { mailAttachmentCommand } from './mailAttachment';
import { mailGetCommand } from './mailGet';
import { mailSyncCommand } from './mailSync';

/** Every device command, in the order the docs list them. Each has its adapter in functions/. */
export const deviceCommands = [foldersSyncCommand, mailSyncCommand, mailGetCommand, mailAttachmentCommand] as unknown as AnyCommandDefinition[];
