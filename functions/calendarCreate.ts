import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { calendarCreateCommand } from '../shared/commands/calendarCreate';

registerCommand(calendarCreateCommand, getRuntime);
