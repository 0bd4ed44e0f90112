import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { calendarRespondCommand } from '../shared/commands/calendarRespond';

registerCommand(calendarRespondCommand, getRuntime);
