import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { foldersEmptyCommand } from '../shared/commands/foldersEmpty';

registerCommand(foldersEmptyCommand, getRuntime);
