import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { peopleSearchCommand } from '../shared/commands/peopleSearch';

registerCommand(peopleSearchCommand, getRuntime);
