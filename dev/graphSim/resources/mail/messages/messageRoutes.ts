import type { RouteDefinition, RouteMatch } from '../../../core/routeTable';
import { messageDelta, messageDeltaWithoutFolder } from './messageDelta';
import { getAttachment, getAttachmentValue, getMessage, listAttachments, listMessages, patchMessage, postMessageMove, removeAttachment, removeMessage } from './messageHandlers';
import { sendMail } from './sendMail';
import { createUploadSession, postAttachment } from './attachmentUpload';
import { sendDraft } from './messageSend';
import { createDraft, createResponse, type ResponseKind } from './draftCreate';

/**
 * message endpoints (https://learn.microsoft.com/graph/api/resources/message), each reachable as
 * `messages/...` and through a folder as `mailFolders/{folder:childFolders}/messages/...`.
 */
function messageRoutesUnder(prefix: string): RouteDefinition[] {
  const chain = (m: RouteMatch) => m.chains.folder;
  const id = (m: RouteMatch) => m.values.message!;
  return [
    { method: 'GET', pattern: `${prefix}`, operation: 'messages.list', handler: (c, m) => listMessages(c, chain(m)) },
    { method: 'POST', pattern: `${prefix}`, operation: 'messages.create', handler: (c, m) => createDraft(c, chain(m)) },
    { method: 'GET', pattern: `${prefix}/{message}`, operation: 'messages.get', handler: (c, m) => getMessage(c, id(m), chain(m)) },
    { method: 'PATCH', pattern: `${prefix}/{message}`, operation: 'messages.update', handler: (c, m) => patchMessage(c, id(m), chain(m)) },
    { method: 'DELETE', pattern: `${prefix}/{message}`, operation: 'messages.delete', handler: (c, m) => removeMessage(c, id(m), chain(m)) },
    ...(['createReply', 'createReplyAll', 'createForward'] as ResponseKind[]).map((kind): RouteDefinition => ({
      method: 'POST',
      pattern: `${prefix}/{message}/${kind}`,
      operation: `messages.${kind}`,
      handler: (c, m) => createResponse(c, kind, id(m), chain(m)),
    })),
    { method: 'POST', pattern: `${prefix}/{message}/send`, operation: 'messages.send', handler: (c, m) => sendDraft(c, id(m), chain(m)) },
    { method: 'POST', pattern: `${prefix}/{message}/move`, operation: 'messages.move', handler: (c, m) => postMessageMove(c, id(m), chain(m)) },
    { method: 'GET', pattern: `${prefix}/{message}/attachments`, operation: 'attachments.list', handler: (c, m) => listAttachments(c, id(m), chain(m)) },
    { method: 'POST', pattern: `${prefix}/{message}/attachments`, operation: 'attachments.create', handler: (c, m) => postAttachment(c, id(m), chain(m)) },
    {
      method: 'POST',
      pattern: `${prefix}/{message}/attachments/createUploadSession`,
      operation: 'attachments.createUploadSession',
      handler: (c, m) => createUploadSession(c, id(m), chain(m)),
    },
    { method: 'GET', pattern: `${prefix}/{message}/attachments/{attachment}`, operation: 'attachments.get', handler: (c, m) => getAttachment(c, id(m), m.values.attachment!, chain(m)) },
    { method: 'DELETE', pattern: `${prefix}/{message}/attachments/{attachment}`, operation: 'attachments.delete', handler: (c, m) => removeAttachment(c, id(m), m.values.attachment!, chain(m)) },
    {
      method: 'GET',
      pattern: `${prefix}/{message}/attachments/{attachment}/$value`,
      operation: 'attachments.value',
      handler: (c, m) => getAttachmentValue(c, id(m), m.values.attachment!, chain(m)),
    },
  ];
}

export const messageRoutes: RouteDefinition[] = [
  ...messageRoutesUnder('messages'),
  { method: 'GET', pattern: 'messages/delta', operation: 'messages.delta', handler: messageDeltaWithoutFolder },
  ...messageRoutesUnder('mailFolders/{folder:childFolders}/messages'),
  { method: 'GET', pattern: 'mailFolders/{folder:childFolders}/messages/delta', operation: 'messages.delta', delta: (c, m) => messageDelta(c, m.chains.folder!) },
  { method: 'POST', pattern: 'sendMail', operation: 'sendMail', handler: sendMail },
];
