import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailDraftDeleteCommand } from '../shared/commands/mailDraftEdit';

registerCommand(mailDraftDeleteCommand, getRuntime);
