import { registerCommand } from '../shared/protocol/registerCommand';
import { getRuntime } from '../shared/runtime/runtime';
import { mailDraftUploadCommand } from '../shared/commands/mailDraftUpload';

registerCommand(mailDraftUploadCommand, getRuntime);
