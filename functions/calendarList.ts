import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { calendarListCommand } from '../shared/commands/calendarList';

registerCommand(calendarListCommand, getRuntime);
