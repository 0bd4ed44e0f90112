import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailDraftCommand } from '../shared/commands/mailDraft';

registerCommand(mailDraftCommand, getRuntime);
