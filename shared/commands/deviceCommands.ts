import type { AnyCommandDefinition } from '../protocol/commandDefinition';
import { foldersSyncCommand } from './foldersSync';
import { mailGetCommand } from './mailGet';
import { mailSearchCommand } from './mailSearch';
import { peopleSearchCommand } from './peopleSearch';
import { mailSyncCommand } from './mailSync';

/** Every device command, in the order the docs list them. Each has its adapter in functions/. */
export const deviceCommands = [foldersSyncCommand, mailSyncCommand, mailGetCommand, mailSearchCommand, peopleSearchCommand] as unknown as AnyCommandDefinition[];
