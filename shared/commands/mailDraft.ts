import type { GraphClient, GraphResponse } from '../graph/graphRequest';
import { draftCreateRequest, draftResponseRequest, findByPropertyRequest } from '../graph/requests/draftRequests';
import { messageGetRequest, messageUpdateRequest } from '../graph/requests/messageRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { mailDraftRequest, mailDraftResponse, maxDraftRequestBytes, type MailDraftRequest } from '../protocol/schemas/drafts';
import type { CommandContext } from '../runtime/commandContext';
import { dropForwardedAttachments } from './drafts/draftAttachments';
import { spliceComment, toGraphContent, withoutAddress, type GraphRecipient } from './drafts/draftContent';
import { draftHashPropertyId, draftKey, draftKeyPropertyId, requestHash, stampProperties, type DraftStamp } from './drafts/draftStamp';

type Answer = { draftId: string; status: 'created' | 'existing' | 'already_sent' };

interface StampedMessage {
  id: string;
  isDraft?: boolean;
  createdDateTime?: string;
  singleValueExtendedProperties?: Array<{ id?: string; value?: string }>;
}

interface ResponseDraft {
  id: string;
  body?: { contentType?: 'text' | 'html'; content?: string };
  from?: GraphRecipient | null;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
}

/** More than one hit means earlier lost answers made doubles; the oldest is the one handed out. */
const lookUpTop = 10;
const responseFields = ['id', 'body', 'from', 'toRecipients', 'ccRecipients'];

/** Every message of the mailbox carrying this key, with its request hash (mailbox-wide `$filter`, never `$search`). */
async function findStamped(graph: GraphClient, stamp: DraftStamp): Promise<StampedMessage[]> {
  const answer = await graph.send<{ value?: StampedMessage[] }>(findByPropertyRequest(draftKeyPropertyId, stamp.key, draftHashPropertyId, ['id', 'isDraft', 'createdDateTime'], lookUpTop));
  return (answer.body.value ?? []).filter((m) => typeof m?.id === 'string');
}

const hashOf = (message: StampedMessage) => message.singleValueExtendedProperties?.find((p) => p.id?.toLowerCase() === draftHashPropertyId.toLowerCase())?.value?.toLowerCase();
const byAge = (a: StampedMessage, b: StampedMessage) => (a.createdDateTime ?? '').localeCompare(b.createdDateTime ?? '') || a.id.localeCompare(b.id);

type Verdict = { kind: 'none' } | { kind: 'answer'; answer: Answer } | { kind: 'reused' } | { kind: 'unfinished'; id: string };

/**
 * What the look-up found. Another request's hash: the key was reused. A sent one (not a draft): that
 * request was sent already. A draft: the oldest (doubles come only from lost answers). A response
 * draft without the hash: created, but its content PATCH (which writes the hash) never happened. Pure.
 */
export function judgeStamped(found: readonly StampedMessage[], stamp: DraftStamp): Verdict {
  if (found.length === 0) return { kind: 'none' };
  if (found.some((m) => hashOf(m) !== undefined && hashOf(m) !== stamp.hash)) return { kind: 'reused' };
  const sent = found.find((m) => m.isDraft === false);
  if (sent) return { kind: 'answer', answer: { draftId: sent.id, status: 'already_sent' } };
  const finished = found.filter((m) => hashOf(m) !== undefined).sort(byAge);
  if (finished.length > 0) return { kind: 'answer', answer: { draftId: finished[0]!.id, status: 'existing' } };
  return { kind: 'unfinished', id: [...found].sort(byAge)[0]!.id };
}

export const mailDraftCommand: CommandDefinition<typeof mailDraftRequest, typeof mailDraftResponse, CommandContext> = {
  route: 'mail/draft',
  functionName: 'mailDraft',
  summary: 'Create a draft, a reply, reply-all or forward, exactly once per clientMessageId',
  description:
    'Saves a draft in Drafts and never sends it, so it is safe to repeat. A repeat with the same `clientMessageId` and request answers the draft made before (`existing`) or, once it was sent, `already_sent`; the same `clientMessageId` with another request is 409 `idempotency_key_reused`. `respondTo` makes a reply, reply-all (never to the user) or forward (needs `to`) in the original\'s conversation, with Graph\'s `RE: `/`FW: ` subject and quote; `comment` goes above the quote, `body` replaces the whole body (not both). `to`/`cc` on a reply replace Graph\'s recipients. Requests up to 1 MiB.',
  request: mailDraftRequest,
  response: mailDraftResponse,
  maxBodyBytes: maxDraftRequestBytes,
  errors: ['not_found', 'idempotency_key_reused', 'outcome_unknown', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    if (input.comment !== undefined && input.body !== undefined) throw new FerryError('bad_request', { detail: '`comment` and `body` cannot go together.' });
    if (input.comment !== undefined && input.respondTo === undefined) throw new FerryError('bad_request', { detail: '`comment` needs `respondTo`.' });
    if (input.respondTo?.action === 'forward' && (input.to?.length ?? 0) === 0) throw new FerryError('bad_request', { detail: 'A forward needs `to`.' });
    if (input.dropAttachmentIds !== undefined && input.respondTo?.action !== 'forward') throw new FerryError('bad_request', { detail: '`dropAttachmentIds` is for a forward.' });
    const stamp: DraftStamp = { key: draftKey(context.caller.tid, context.caller.oid, input.clientMessageId), hash: requestHash(input) };
    const answer = await draftOnce(context.graph, input, stamp);
    context.logger.info('mail.draft', { status: answer.status, action: input.respondTo?.action ?? 'new' });
    return answer;
  },
};

async function draftOnce(graph: GraphClient, input: MailDraftRequest, stamp: DraftStamp): Promise<Answer> {
  const verdict = judgeStamped(await findStamped(graph, stamp), stamp);
  switch (verdict.kind) {
    case 'answer':
      return verdict.answer;
    case 'reused':
      // A message this mailbox does not have is not_found whatever the key (another user's id never reaches a 409).
      if (input.respondTo) await graph.send(messageGetRequest(input.respondTo.id, ['id']));
      throw new FerryError('idempotency_key_reused', { logReason: 'draft_key_reused' });
    case 'unfinished': {
      const draft = await graph.send<ResponseDraft>(messageGetRequest(verdict.id, responseFields));
      await finishResponse(graph, draft.body, input, stamp);
      return { draftId: verdict.id, status: 'existing' };
    }
    case 'none':
      return { draftId: input.respondTo ? await createResponse(graph, input, stamp) : await createNew(graph, input, stamp), status: 'created' };
  }
}

/** A look-up for sendWithLookUp: the stamped draft a create of unknown outcome made, if any. */
function lookUpCreated<T extends { id: string }>(stamp: DraftStamp, read?: (graph: GraphClient, id: string) => Promise<T>) {
  return async (graph: GraphClient): Promise<GraphResponse<T> | undefined> => {
    const found = [...(await findStamped(graph, stamp))].filter((m) => m.isDraft !== false).sort(byAge)[0];
    if (!found) return undefined;
    return { status: 201, headers: {}, body: read ? await read(graph, found.id) : ({ id: found.id } as T) };
  };
}

/** POST /me/messages with the content and both stamp properties in one body: the draft is stamped the moment it exists. */
async function createNew(graph: GraphClient, input: MailDraftRequest, stamp: DraftStamp): Promise<string> {
  const body = { ...toGraphContent(input), singleValueExtendedProperties: stampProperties(stamp) };
  const created = await sendWithLookUp<{ id: string }>(graph, draftCreateRequest(body), lookUpCreated(stamp));
  return created.body.id;
}

/**
 * createReply/createReplyAll/createForward with the key in `message` (so a lost answer can be looked
 * up, where Graph takes properties there: UNVERIFIED), and the recipients the device gave, then one
 * PATCH with the content and the hash: a response draft with the key but without the hash is one
 * whose PATCH never happened, and a repeat finishes it.
 */
async function createResponse(graph: GraphClient, input: MailDraftRequest, stamp: DraftStamp): Promise<string> {
  const respondTo = input.respondTo!;
  const message: Record<string, unknown> = {
    ...toGraphContent({ to: input.to, cc: input.cc, bcc: input.bcc }),
    singleValueExtendedProperties: [stampProperties(stamp)[0]],
  };
  const read = async (client: GraphClient, id: string) => (await client.send<ResponseDraft>(messageGetRequest(id, responseFields))).body;
  const created = await sendWithLookUp<ResponseDraft>(graph, draftResponseRequest(respondTo.id, respondTo.action, message), lookUpCreated(stamp, read));
  await finishResponse(graph, created.body, input, stamp);
  return created.body.id;
}

/**
 * Makes a response draft what the device asked: the dropped attachments off, then one PATCH (comment
 * spliced, recipients, content, the stamp's hash last of all: its presence means the draft is done).
 */
async function finishResponse(graph: GraphClient, draft: ResponseDraft, input: MailDraftRequest, stamp: DraftStamp): Promise<void> {
  if (input.dropAttachmentIds) await dropForwardedAttachments(graph, input.respondTo!.id, draft.id, input.dropAttachmentIds);
  const patch: Record<string, unknown> = { ...toGraphContent(input), singleValueExtendedProperties: stampProperties(stamp) };
  if (input.comment !== undefined) {
    const current = { contentType: draft.body?.contentType === 'text' ? ('text' as const) : ('html' as const), content: draft.body?.content ?? '' };
    patch.body = spliceComment(current, input.comment);
  }
  if (input.respondTo?.action === 'replyAll') {
    // Graph's reply-all may include the user (an alias, a copy to oneself): Ferry's never does.
    const self = draft.from?.emailAddress?.address;
    const to = input.to === undefined ? withoutAddress(draft.toRecipients, self) : undefined;
    const cc = input.cc === undefined ? withoutAddress(draft.ccRecipients, self) : undefined;
    if (to) patch.toRecipients = to;
    if (cc) patch.ccRecipients = cc;
  }
  await graph.send(messageUpdateRequest(draft.id, patch));
}
