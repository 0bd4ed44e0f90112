import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { calendarGetCommand } from '../shared/commands/calendarGet';

registerCommand(calendarGetCommand, getRuntime);
