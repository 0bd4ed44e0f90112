import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailDraftAttachmentCommand } from '../shared/commands/mailDraftAttachment';

registerCommand(mailDraftAttachmentCommand, getRuntime);
