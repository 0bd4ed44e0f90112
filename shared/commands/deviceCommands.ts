import type { AnyCommandDefinition } from '../protocol/commandDefinition';
import { calendarFreeBusyCommand } from './calendarFreeBusy';
import { calendarGetCommand } from './calendarGet';
import { calendarListCommand } from './calendarList';
import { calendarCreateCommand } from './calendarCreate';
import { calendarDeleteCommand } from './calendarDelete';
import { calendarRespondCommand } from './calendarRespond';
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
import { mailSendCommand } from './mailSend';
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
import { contactsCreateCommand } from './contactsCreate';
import { contactsUpdateCommand } from './contactsUpdate';
import { contactsDeleteCommand } from './contactsDelete';
import { contactsPhotosCommand } from './contactsPhotos';
import { contactsPhotoSetCommand } from './contactsPhotoSet';
import { mailSyncCommand } from './mailSync';
import { createBatchCommand } from './batch';

/** The commands of one request each (all but `batch`). */
const singleCommands = [
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
  mailSendCommand,
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
  calendarListCommand,
  calendarFreeBusyCommand,
  calendarRespondCommand,
  calendarCreateCommand,
  calendarDeleteCommand,
  contactsFoldersCommand,
  contactsSyncCommand,
  contactsCreateCommand,
  contactsUpdateCommand,
  contactsDeleteCommand,
  contactsPhotosCommand,
  contactsPhotoSetCommand,
] as unknown as AnyCommandDefinition[];

/** `batch`, over the commands marked `batchable` above (functions/batch.ts serves it). */
export const batchCommand = createBatchCommand(singleCommands);

/** Every device command, in the order the docs list them. Each has its adapter in functions/. */
export const deviceCommands: AnyCommandDefinition[] = [...singleCommands, batchCommand as unknown as AnyCommandDefinition];
