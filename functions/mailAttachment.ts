import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailAttachmentCommand } from '../shared/commands/mailAttachment';

registerCommand(mailAttachmentCommand, getRuntime);
