import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailDraftUpdateCommand } from '../shared/commands/mailDraftEdit';

registerCommand(mailDraftUpdateCommand, getRuntime);
