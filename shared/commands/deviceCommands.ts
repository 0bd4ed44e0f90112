import type { AnyCommandDefinition } from '../protocol/commandDefinition';
import { foldersCreateCommand } from './foldersCreate';
import { foldersDeleteCommand } from './foldersDelete';
import { foldersEmptyCommand } from './foldersEmpty';
import { foldersMarkReadCommand } from './foldersMarkRead';
import { foldersMoveCommand } from './foldersMove';
import { foldersRenameCommand } from './foldersRename';
import { foldersSyncCommand } from './foldersSync';
import { mailGetCommand } from './mailGet';
import { mailSyncCommand } from './mailSync';

/** Every device command, in the order the docs list them. Each has its adapter in functions/. */
export const deviceCommands = [
  foldersSyncCommand,
  mailSyncCommand,
  mailGetCommand,
  foldersCreateCommand,
  foldersRenameCommand,
  foldersMoveCommand,
  foldersDeleteCommand,
  foldersMarkReadCommand,
  foldersEmptyCommand,
] as unknown as AnyCommandDefinition[];
