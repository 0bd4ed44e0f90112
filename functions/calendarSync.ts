import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { calendarSyncCommand } from '../shared/commands/calendarSync';

registerCommand(calendarSyncCommand, getRuntime);
