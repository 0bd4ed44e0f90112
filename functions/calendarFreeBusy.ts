import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { calendarFreeBusyCommand } from '../shared/commands/calendarFreeBusy';

registerCommand(calendarFreeBusyCommand, getRuntime);
