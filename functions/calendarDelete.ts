import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { calendarDeleteCommand } from '../shared/commands/calendarDelete';

registerCommand(calendarDeleteCommand, getRuntime);
