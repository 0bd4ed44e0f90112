import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { batchCommand } from '../shared/commands/deviceCommands';

registerCommand(batchCommand, getRuntime);
