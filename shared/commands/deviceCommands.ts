import type { CommandDefinition } from '../protocol/commandDefinition';
import { foldersSyncCommand } from './foldersSync';

/** Every device command, in the order the docs list them. functions/ registers each one. */
export const deviceCommands: CommandDefinition[] = [foldersSyncCommand as unknown as CommandDefinition];
