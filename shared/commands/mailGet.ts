import type { Attachment, Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { mailGetRequest, mailGetResponse } from '../protocol/schemas/mail';
import { FerryError } from '../protocol/ferryError';
import type { CommandDefinition } from '../protocol/commandDefinition';
import type { CommandContext } from '../runtime/commandContext';
import { allItemsOf } from '../graph/batch/batchPage';
import { checkAnswerShape } from '../graph/checkAnswerShape';
import { isInRecoverableItems, recoverableItemsIdOf } from '../graph/recoverableItems';
import { recoverableItemsRequest } from '../graph/requests/folderRequests';
import { messageAttachmentsRequest, messageGetRequest } from '../graph/requests/messageRequests';
import { fullMessageSelectFields } from '../translate/partialMessages';
import { attachmentSelectFields } from '../translate/toDeviceAttachmentInfo';
import { toDeviceFullMessage } from '../translate/toDeviceMessage';

export const mailGetCommand: CommandDefinition<typeof mailGetRequest, typeof mailGetResponse, CommandContext> = {
  route: 'mail/get',
  functionName: 'mailGet',
  batchable: true,
  summary: 'Fetch one message',
  description:
    'The whole message with its full body (text by default, or html), bcc, replyTo, internetMessageId and attachment metadata (no content). An id unknown to this mailbox, or of a deleted message, is `not_found`.',
  request: mailGetRequest,
  response: mailGetResponse,
  errors: ['not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const bodyType = input.body?.type ?? 'text';
    // One `$batch`, one round trip: the message, its attachments' metadata (not `$expand=attachments`,
    // which would carry their content) and the id of Recoverable Items, where a DELETE puts a message
    // that Graph may still answer (then with that folder as its parentFolderId).
    const [message, attachments, recoverableItems] = await context.graph.batch([
      messageGetRequest(input.id, fullMessageSelectFields, bodyType),
      messageAttachmentsRequest(input.id, attachmentSelectFields),
      recoverableItemsRequest(),
    ]);
    if (!message!.ok) throw message!.error;
    const graphMessage = message!.response.body as GraphMessage;
    if (!checkAnswerShape('entity', graphMessage)) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
    if (isInRecoverableItems(graphMessage.parentFolderId, recoverableItemsIdOf(recoverableItems!))) {
      throw new FerryError('not_found', { logReason: 'soft_deleted' });
    }
    const attachmentList = await allItemsOf<Attachment>(context.graph, attachments!, 'messages.attachments');
    context.logger.info('mail.get', { attachments: attachmentList.length });
    return { message: toDeviceFullMessage(graphMessage, attachmentList, { body: { type: bodyType } }) };
  },
};
