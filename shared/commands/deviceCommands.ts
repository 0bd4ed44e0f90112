import type { AnyCommandDefinition } from '../protocol/commandDefinition';
import { calendarGetCommand } from './calendarGet';
import { calendarSyncCommand } from './calendarSync';
import { foldersCreateCommand } from './foldersCreate';
import { foldersDeleteCommand } from './foldersDelete';
import { foldersEmptyCommand } from './foldersEmpty';
import { foldersMarkReadCommand } from './foldersMarkRead';
import { foldersMoveCommand } from './foldersMove';
import { foldersRenameCommand } from './foldersRename';
import { foldersSyncCommand } from './foldersSync';
import { mailDeleteCommand } from './mailDelete';
import { mailDraftCommand } from './mailDraft';
import { mailDraftDeleteCommand, mailDraftUpdateCommand } from './mailDraftEdit';
import { mailAttachmentCommand } from './mailAttachment';
import { mailDraftAttachmentCommand } from './mailDraftAttachment';
import { mailDraftUploadCommand } from './mailDraftUpload';
import { mailGetCommand } from './mailGet';
import { mailMoveCommand } from './mailMove';
import { mailUpdateCommand } from './mailUpdate';
import { mailSearchCommand } from './mailSearch';
import { peopleSearchCommand } from './peopleSearch';
import { contactsFoldersCommand } from './contactsFolders';
import { contactsSyncCommand } from './contactsSync';
import { mailSyncCommand } from './mailSync';

/** Every device command, in the order the docs list them. Each has its adapter in functions/. */
export const deviceCommands = [
  foldersSyncCommand,
  mailSyncCommand,
  mailGetCommand,
  mailAttachmentCommand,
  mailUpdateCommand,
  mailMoveCommand,
  mailDeleteCommand,
  mailDraftCommand,
  mailDraftUpdateCommand,
  mailDraftDeleteCommand,
  mailDraftAttachmentCommand,
  mailDraftUploadCommand,
  foldersCreateCommand,
  foldersRenameCommand,
  foldersMoveCommand,
  foldersDeleteCommand,
  foldersMarkReadCommand,
  foldersEmptyCommand,
  mailSearchCommand,
  peopleSearchCommand,
  calendarSyncCommand,
  calendarGetCommand,
  contactsFoldersCommand,
  contactsSyncCommand,
] as unknown as AnyCommandDefinition[];
