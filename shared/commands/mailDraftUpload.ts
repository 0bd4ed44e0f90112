import { parseRetryAfterInMs } from '../graph/parseRetryAfter';
import { attachmentCreateRequest } from '../graph/requests/attachmentRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import { sendToUploadUrl, UploadUrlError, type UploadUrlAnswer } from '../graph/uploads/uploadUrlClient';
import { OutboundRefusedError } from '../net/outboundRefusal';
import type { RawAnswer, RawCommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { mailDraftUploadDone, mailDraftUploadHeaders, mailDraftUploadProgress, mailDraftUploadQuery, uploadChunkMaxBytes } from '../protocol/schemas/uploads';
import type { CommandContext } from '../runtime/commandContext';
import { findUploadedAttachment } from './uploads/findUploadedAttachment';
import { nextExpectedOffset, parseContentRange, uploadIdFromLocation } from './uploads/uploadRanges';
import { openUploadToken, sealUploadToken, uploadInvalid, type UploadToken } from './uploads/uploadToken';

/** Retry-After, in ms, of a chunk to repeat when the upload URL did not answer. */
const repeatAfterInMs = 1_000;

export const mailDraftUploadCommand: RawCommandDefinition<typeof mailDraftUploadQuery, typeof mailDraftUploadHeaders, CommandContext> = {
  kind: 'raw',
  method: 'PUT',
  route: 'mail/draft/upload',
  functionName: 'mailDraftUpload',
  summary: "Send one chunk of a file's bytes",
  description:
    "PUT, the file's bytes as `application/octet-stream`, in order, each chunk at most `chunkMax` (3 MiB), with `Content-Range: bytes first-last/size` and the last answer's `upload` in `Ferry-Upload`. A file under 3,000,000 bytes goes in one PUT. Each chunk but the last answers 200 `{upload, next}`; the last 201 `{attachmentId}`. A chunk that does not start at the byte Ferry expects changes nothing: 200 with the same `upload` and `next` naming that byte. A repeated chunk (its answer lost) is safe: 200 with Graph's next byte, or, for the last, 201 with the attachment. An unusable, foreign or expired `upload` is 410 `upload_state_invalid`: begin again with mail/draft/attachment.",
  request: mailDraftUploadQuery,
  headers: mailDraftUploadHeaders,
  maxBodyBytes: uploadChunkMaxBytes,
  answers: {
    '200': { description: 'The chunk is in; send the next one from `next` with this `upload`.', headers: {}, schema: mailDraftUploadProgress },
    '201': { description: 'The last chunk is in: the file is an attachment of the draft.', headers: {}, schema: mailDraftUploadDone },
  },
  errors: ['not_found', 'not_allowed', 'upload_state_invalid', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'outcome_unknown', 'mailbox_unavailable'],
  async handler({ headers, body }, context): Promise<RawAnswer> {
    const upload = await openUploadToken(context, headers['ferry-upload']);
    const range = parseContentRange(headers['content-range']);
    if (!range || range.size !== upload.size || range.last >= range.size || range.last < range.first) {
      throw new FerryError('bad_request', { detail: `Content-Range must be bytes first-last/${upload.size}.`, logReason: 'content_range' });
    }
    if (body.byteLength !== range.last - range.first + 1) throw new FerryError('bad_request', { detail: 'The body must hold exactly the bytes Content-Range names.', logReason: 'length_mismatch' });
    // Out of order: nothing goes to Graph; the device learns where to go on.
    if (range.first !== upload.offset) return progress(headers['ferry-upload'], upload.offset);
    const final = range.last + 1 === upload.size;
    if (upload.uploadUrl === undefined) {
      if (!(range.first === 0 && final)) throw new FerryError('bad_request', { detail: `A file under ${context.config.FERRY_UPLOAD_SESSION_MIN} bytes goes in one PUT.`, logReason: 'small_in_chunks' });
      // A repeat (Ferry's 201 lost on its way to the device) finds the attachment: never posted twice.
      const existing = await findUploadedAttachment(context.graph, upload);
      return done(context, upload, existing ?? (await createSmall(context, upload, body)));
    }
    const outcome = await putChunk(context, upload, upload.uploadUrl, body, range, final);
    if (outcome.kind === 'done') return done(context, upload, outcome.attachmentId);
    if (outcome.next <= upload.offset || outcome.next > upload.size) throw new FerryError('upstream_error', { logReason: 'invalid_upload_answer' });
    context.logger.info('mail.draft.upload.chunk', { bytes: body.byteLength, next: outcome.next });
    return progress(await sealUploadToken(context, { ...upload, offset: outcome.next }), outcome.next);
  },
};

function json(status: number, value: unknown): RawAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(value), 'utf8') };
}

function progress(token: string, next: number): RawAnswer {
  return json(200, { upload: token, next });
}

function done(context: CommandContext, upload: UploadToken, attachmentId: string | undefined): RawAnswer {
  if (attachmentId === undefined) throw new FerryError('upstream_error', { logReason: 'attachment_not_found' });
  context.logger.info('mail.draft.upload.done', { bytes: upload.size, durationInMs: context.clock.now() - upload.start });
  return json(201, { attachmentId });
}

/** A small file in one POST; a lost answer is looked up on the draft, never posted twice. */
async function createSmall(context: CommandContext, upload: UploadToken, body: Uint8Array): Promise<string | undefined> {
  const file = { name: upload.name, contentType: upload.contentType, size: upload.size, isInline: upload.inline, ...(upload.contentId === undefined ? {} : { contentId: upload.contentId }) };
  const created = await sendWithLookUp<{ id?: string }>(context.graph, attachmentCreateRequest(upload.draftId, file, body), async (graph) => {
    const id = await findUploadedAttachment(graph, upload);
    return id === undefined ? undefined : { status: 201, headers: {}, body: { id } };
  });
  return typeof created.body?.id === 'string' ? created.body.id : undefined;
}

/** Where an upload stands after a chunk: Graph's next byte, or the attachment made by the last one. */
type ChunkOutcome = { kind: 'next'; next: number } | { kind: 'done'; attachmentId: string | undefined };

/**
 * One chunk to the session's URL, judged by its status. A chunk that may not have arrived is the
 * device's to repeat (503: the same `upload` again is harmless, Graph answers what it already has);
 * for the last chunk, whose repeat could meet a closed session, an unknown outcome is first looked up
 * on the draft, and is done when the attachment is there.
 */
async function putChunk(
  context: CommandContext,
  upload: UploadToken,
  url: string,
  body: Uint8Array,
  range: { first: number; last: number },
  final: boolean,
): Promise<ChunkOutcome> {
  const options = { origins: context.config.FERRY_UPLOAD_ORIGINS, timeoutInMs: Math.max(1, Math.min(context.config.FERRY_GRAPH_TIMEOUT_MS, context.deadlineInMs - context.clock.now())) };
  const lookUp = async (ifMissing: () => FerryError): Promise<ChunkOutcome> => {
    const attachmentId = await findUploadedAttachment(context.graph, upload);
    if (attachmentId === undefined) throw ifMissing();
    return { kind: 'done', attachmentId };
  };
  const unknown = (reason: string): Promise<ChunkOutcome> =>
    final ? lookUp(() => new FerryError('outcome_unknown', { logReason: reason })) : Promise.reject(new FerryError('upstream_unavailable', { logReason: reason, retryAfterInMs: repeatAfterInMs }));
  const judged = async (answer: UploadUrlAnswer): Promise<ChunkOutcome> => {
    // The Location's id is Outlook's form (UNVERIFIED which); the look-up gives it in Ferry's (immutable).
    if (answer.status === 201) return { kind: 'done', attachmentId: (await findUploadedAttachment(context.graph, upload)) ?? uploadIdFromLocation(answer.headers.location) };
    const next = nextExpectedOffset(answer.body);
    if (next === undefined) throw new FerryError('upstream_error', { logReason: 'invalid_upload_answer' });
    return { kind: 'next', next };
  };
  let answer: UploadUrlAnswer;
  try {
    answer = await sendToUploadUrl('PUT', url, options, { bytes: body, range: `bytes ${range.first}-${range.last}/${upload.size}` });
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new FerryError('upstream_error', { logReason: `upload_${error.reason}` });
    if (!(error instanceof UploadUrlError)) throw error;
    if (!error.sent) throw new FerryError('upstream_unavailable', { logReason: 'upload_not_sent', retryAfterInMs: repeatAfterInMs });
    return unknown('upload_no_answer');
  }
  if (answer.status === 200 || answer.status === 201) return judged(answer);
  if (answer.status === 416) {
    // UNVERIFIED (the simulator's flag uploadRepeatedRange416): a repeated range refused; the session says where it stands.
    const session = await sendToUploadUrl('GET', url, options).catch(() => undefined);
    if (session?.status === 200) return judged(session);
    return unknown('upload_range_refused');
  }
  // The session is gone: closed by its last chunk (this one, repeated) or expired.
  if (answer.status === 404) return lookUp(() => uploadInvalid('session_gone'));
  if (answer.status === 429) throw new FerryError('throttled', { logReason: 'upload_429', retryAfterInMs: parseRetryAfterInMs(answer.headers['retry-after'], context.clock.now()) ?? repeatAfterInMs });
  if (answer.status >= 500) return unknown(`upload_${answer.status}`);
  throw new FerryError('upstream_error', { logReason: `upload_${answer.status}` });
}
