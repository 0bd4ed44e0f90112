import type { Attachment, Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { mailGetRequest, mailGetResponse } from '../protocol/schemas/mail';
import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import type { CommandDefinition } from '../protocol/commandDefinition';
import type { CommandContext } from '../runtime/commandContext';
import { messageAttachmentsRequest, messageGetRequest } from '../graph/requests/messageRequests';
import { fullMessageSelectFields } from '../translate/partialMessages';
import { attachmentSelectFields } from '../translate/toDeviceAttachmentInfo';
import { toDeviceFullMessage } from '../translate/toDeviceMessage';

export const mailGetCommand: CommandDefinition<typeof mailGetRequest, typeof mailGetResponse, CommandContext> = {
  route: 'mail/get',
  functionName: 'mailGet',
  summary: 'Fetch one message',
  description:
    'The whole message with its full body (text by default, or html), bcc, replyTo, internetMessageId and attachment metadata (no content). An id unknown to this mailbox is `not_found`.',
  request: mailGetRequest,
  response: mailGetResponse,
  errors: ['not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const bodyType = input.body?.type ?? 'text';
    // Two reads in parallel rather than `$expand=attachments`, which would carry attachment content.
    const [message, attachments] = await Promise.all([
      context.graph.send<GraphMessage>(messageGetRequest(input.id, fullMessageSelectFields, bodyType)),
      listAll<Attachment>(context.graph, messageAttachmentsRequest(input.id, attachmentSelectFields)),
    ]);
    context.logger.info('mail.get', { attachments: attachments.length });
    return { message: toDeviceFullMessage(message.body, attachments, { body: { type: bodyType } }) };
  },
};

async function listAll<T>(graph: GraphClient, request: GraphRequest): Promise<T[]> {
  const items: T[] = [];
  for await (const page of graph.pages<T>(request)) items.push(...page.value);
  return items;
}
