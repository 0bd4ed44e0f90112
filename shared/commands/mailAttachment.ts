import type { RawAnswer, RawCommandDefinition } from '../protocol/commandDefinition';
import { downloadHeaders } from '../protocol/downloadHeaders';
import { FerryError } from '../protocol/ferryError';
import { parseRange, planRange } from '../protocol/parseRange';
import { mailAttachmentHeaders, mailAttachmentQuery } from '../protocol/schemas/attachments';
import type { CommandContext } from '../runtime/commandContext';
import { checkAnswerShape } from '../graph/checkAnswerShape';
import { attachmentGetRequest, attachmentValueRequest } from '../graph/requests/messageRequests';
import type { GraphResponse } from '../graph/graphRequest';
import type { GraphByteStream } from '../graph/transport/sendForStream';
import { attachmentFile } from '../translate/attachmentFile';
import { attachmentKind } from '../translate/toDeviceAttachmentInfo';
import { withFirst } from './download/byteStreams';
import { rangeAnswer } from './download/rangeAnswer';

/** The metadata a download needs; `@odata.type` comes with it whatever the `$select`. */
const metadataSelect = ['id', 'name', 'contentType'];

interface AttachmentMetadata {
  '@odata.type'?: string;
  name?: string | null;
  contentType?: string | null;
}

export const mailAttachmentCommand: RawCommandDefinition<typeof mailAttachmentQuery, typeof mailAttachmentHeaders, CommandContext> = {
  kind: 'raw',
  method: 'GET',
  route: 'mail/attachment',
  functionName: 'mailAttachment',
  summary: "Download one attachment's bytes",
  description:
    "GET, the one exception to POST+JSON: downloaders need GET and `Range`. The bearer token goes in `Authorization` as for every command, never in the URL. The bytes stream through Ferry as Graph sends them; a failure after the first byte breaks the connection, so a cut file never looks complete. An item attachment comes as `.eml`, `.vcf` or `.ics`; a reference attachment is `not_downloadable`; an id unknown to this mailbox is `not_found`.",
  request: mailAttachmentQuery,
  headers: mailAttachmentHeaders,
  answers: {
    '200': {
      description: 'The whole file.',
      headers: {
        'content-type': "The file's media type when it is a plain `type/subtype`, else `application/octet-stream`.",
        'content-disposition': '`attachment` with the file name (`filename*` in UTF-8 and an ASCII `filename`).',
        'content-length': "Only when Graph sent one (an attachment's `size` is not its byte count).",
        'accept-ranges': '`bytes`.',
      },
    },
    '206': {
      description: 'The range asked for (one `bytes=a-b` or `bytes=a-`).',
      headers: { 'content-range': '`bytes a-b/<length>`, or `bytes a-b/*` when the length is unknown.', 'content-length': 'The bytes of the range.' },
    },
  },
  errors: ['not_found', 'not_downloadable', 'range_not_satisfiable', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ query, headers }, context): Promise<RawAnswer> {
    // Both at once, one round trip: the metadata (name, type, kind) and the bytes, whose stream is
    // ended unread when the metadata says there is nothing to send.
    const content = context.graph.stream(attachmentValueRequest(query.message, query.attachment));
    // Handled at once: it may fail while the metadata is still on its way (a reference's 405).
    content.catch(() => undefined);
    const release = () => void content.then((answer) => answer.body.return(), () => undefined);
    let metadata: AttachmentMetadata;
    try {
      const answer = await context.graph.send<AttachmentMetadata>(attachmentGetRequest(query.message, query.attachment, metadataSelect));
      if (!checkAnswerShape('entity', answer.body)) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
      metadata = answer.body;
    } catch (error) {
      release();
      throw error;
    }
    const kind = attachmentKind(metadata['@odata.type']);
    if (kind === 'reference') {
      release();
      throw new FerryError('not_downloadable', { logReason: 'reference_attachment' });
    }
    const value = await content;
    // The first chunk is in already (GraphClient.stream); an item's format is read from it.
    const first = await value.body.next();
    const body = withFirst(first.done ? undefined : first.value, value.body);
    const file = attachmentFile(metadata, kind, first.done ? Buffer.alloc(0) : first.value, value.headers['content-type']);
    const length = contentLengthOf(value.headers);
    const fileHeaders = { ...downloadHeaders(file.name, file.contentType), 'accept-ranges': 'bytes' };
    // Ferry sends no validator, so no If-Range can match: the whole file (RFC 9110 §13.1.5).
    const plan = planRange(headers['if-range'] === undefined ? parseRange(headers.range) : undefined, length);
    context.logger.info('mail.attachment', { kind, range: plan.kind, lengthKnown: length !== undefined });
    return rangeAnswer(plan, body, { headers: fileHeaders, length, onEnd: logEnd(context) });
  },
};

/** Graph's Content-Length, when it sent a plain one: never the attachment's `size`. */
function contentLengthOf(headers: GraphResponse<GraphByteStream>['headers']): number | undefined {
  const value = headers['content-length'];
  return value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** One log line when the bytes have gone (or failed): counts only. */
function logEnd(context: CommandContext): (bytes: number, failed: boolean) => void {
  const started = context.clock.now();
  return (bytes, failed) => {
    const fields = { bytes, durationInMs: context.clock.now() - started };
    if (failed) context.logger.warn('mail.attachment.broken', fields);
    else context.logger.info('mail.attachment.sent', fields);
  };
}
