import { isDefiniteRefusal } from '../graph/errorMap';
import { GraphRequestError } from '../graph/graphErrors';
import type { GraphClient, GraphResponse } from '../graph/graphRequest';
import { messageSendRequest, messageWithPropertyRequest, propertiesUpdateRequest } from '../graph/requests/draftRequests';
import { isInRecoverableItems, recoverableItemsIdOf } from '../graph/recoverableItems';
import { recoverableItemsRequest } from '../graph/requests/folderRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { PendingAnswer } from '../protocol/pendingAnswer';
import { mailSendRequest, mailSendResponse } from '../protocol/schemas/drafts';
import type { CommandContext } from '../runtime/commandContext';
import { clearedMark, formatMark, judgeMark, markOf, markProperty, newNonce, sendMarkPropertyId, sendPendingRetryAfterInMs, type SendMark } from './drafts/sendMark';

type Answer = { status: 'submitted' | 'already_sent' };

interface MarkedMessage {
  id: string;
  isDraft?: boolean;
  parentFolderId?: string;
  '@odata.etag'?: string;
  singleValueExtendedProperties?: Array<{ id?: string; value?: string }>;
}

/** The message as mail/send sees it: gone (404: in flight or deleted), or its draft flag, change key and mark. */
type Reading = { kind: 'gone' } | { kind: 'found'; isDraft: boolean; etag?: string; mark?: SendMark };

/**
 * GET by the immutable id, the mark expanded, in one `$batch` with Recoverable Items' id. A 404 of this
 * mailbox is a message in flight (the Sent copy keeps the id but may 404 a while: documented) or
 * deleted; either way nothing is sent. An id of another mailbox (ErrorInvalidMailboxItemId) or one
 * Graph cannot parse stays `not_found`, and so does a draft the user deleted (in Recoverable Items,
 * which Graph may still answer): it is never sent from there.
 */
async function readDraft(graph: GraphClient, draftId: string): Promise<Reading> {
  const [message, recoverableItems] = await graph.batch([messageWithPropertyRequest(draftId, sendMarkPropertyId, ['id', 'isDraft', 'parentFolderId']), recoverableItemsRequest()]);
  if (!message!.ok) {
    const error = message!.error;
    if (error instanceof GraphRequestError && error.graphStatus === 404 && error.graphCode?.toLowerCase() === 'erroritemnotfound') return { kind: 'gone' };
    throw error;
  }
  const body = message!.response.body as MarkedMessage;
  if (isInRecoverableItems(body.parentFolderId, recoverableItemsIdOf(recoverableItems!))) throw new FerryError('not_found', { logReason: 'soft_deleted' });
  return { kind: 'found', isDraft: body.isDraft !== false, etag: body['@odata.etag'], mark: markOf(body) };
}

const pending = () => new PendingAnswer(sendPendingRetryAfterInMs);

export const mailSendCommand: CommandDefinition<typeof mailSendRequest, typeof mailSendResponse, CommandContext, PendingAnswer> = {
  route: 'mail/send',
  functionName: 'mailSend',
  summary: 'Send a draft, exactly once',
  description:
    'Sends the draft at most once however often it is repeated: `submitted` when Exchange took it now, `already_sent` when it was sent before, `202 pending` (with Retry-After) while a send is in flight or Ferry cannot yet tell whether it went out; poll with the same `draftId` until 200. A send mark older than 15 minutes is 409 `send_stuck`: ask the user, then `force`. A send Graph refused for sure (no recipients, too large) is 409 `not_allowed` and the draft can be changed and sent again. No answer means nothing about delivery: bounces come as mail.',
  request: mailSendRequest,
  response: mailSendResponse,
  pending: 'A send is in flight or its outcome is not known yet: nothing more is sent by asking again. Send `mail/send` with the same `draftId` after Retry-After; after 15 minutes, tell the user.',
  errors: ['not_found', 'send_stuck', 'not_allowed', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ draftId, force }, context) {
    const arrivedAtInMs = context.clock.now();
    const answer = await sendOnce(context, draftId, force === true, arrivedAtInMs);
    context.logger.info('mail.send', { status: answer instanceof PendingAnswer ? 'pending' : answer.status, forced: force === true });
    return answer;
  },
};

async function sendOnce(context: CommandContext, draftId: string, force: boolean, arrivedAtInMs: number): Promise<Answer | PendingAnswer> {
  const { graph, clock, config } = context;
  const reading = await readDraft(graph, draftId);
  if (reading.kind === 'gone') return pending();
  if (!reading.isDraft) return { status: 'already_sent' };
  switch (judgeMark(reading.mark, clock.now(), config.FERRY_SEND_STUCK_MS)) {
    case 'young':
      return pending();
    case 'stuck':
      if (!force) throw new FerryError('send_stuck', { logReason: 'send_mark_stuck' });
      break;
    case 'none':
      break;
  }
  const nonce = newNonce();
  if (!(await placeMark(graph, draftId, reading.etag, { atInMs: clock.now(), nonce }))) return pending();
  // The time fence: a try past it may overlap the device's next one (it repeats after fence + 10 s).
  if (clock.now() - arrivedAtInMs > config.FERRY_SEND_FENCE_MS) {
    await clearMark(graph, draftId);
    throw new FerryError('upstream_unavailable', { retryAfterInMs: 1000, logReason: 'send_fence' });
  }
  try {
    await sendWithLookUp(graph, messageSendRequest(draftId), (client) => lookUpSent(client, draftId));
    return { status: 'submitted' };
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    if (isDefiniteRefusal(error.graphStatus)) {
      await clearMark(graph, draftId);
      if (error.code === 'upstream_error') throw new FerryError('not_allowed', { detail: 'Exchange refused to send this draft (no valid recipient, too large, or not allowed).', logReason: error.graphCode ?? 'send_refused' });
      throw error;
    }
    if (error.graphStatus === 429) {
      // Throttled: not sent. The mark goes, so the device's repeat after Retry-After may send.
      await clearMark(graph, draftId);
      throw error;
    }
    // Anything else may have sent it: the mark stays and later calls read what happened.
    return pending();
  }
}

/**
 * Writes our mark with If-Match on the change key just read: only one of two racing calls gets it.
 * A 412, or an outcome Ferry did not see (the client's own retry of a PATCH that had gone through also
 * meets 412), is settled by reading the mark back: ours, go on; anyone else's, not ours to send.
 */
async function placeMark(graph: GraphClient, draftId: string, etag: string | undefined, mark: SendMark): Promise<boolean> {
  try {
    await graph.send(propertiesUpdateRequest(draftId, markProperty(formatMark(mark)), etag));
    return true;
  } catch (error) {
    if (!(error instanceof GraphRequestError) || (error.graphStatus !== 412 && error.graphStatus !== 404 && !error.outcomeUnknown && (error.graphStatus ?? 500) < 500)) throw error;
    const again = await readDraft(graph, draftId);
    return again.kind === 'found' && again.isDraft && again.mark?.nonce === mark.nonce;
  }
}

/** Best effort: a mark left behind only makes later calls answer `pending`, then `send_stuck`. */
async function clearMark(graph: GraphClient, draftId: string): Promise<void> {
  try {
    await graph.send(propertiesUpdateRequest(draftId, markProperty(clearedMark)));
  } catch {
    // The device's answer is about the send, not about the mark.
  }
}

/** After a `/send` of unknown outcome: gone from Drafts (in flight) or no longer a draft means it was taken. */
async function lookUpSent(graph: GraphClient, draftId: string): Promise<GraphResponse<unknown> | undefined> {
  const reading = await readDraft(graph, draftId);
  return reading.kind === 'gone' || !reading.isDraft ? { status: 202, headers: {}, body: undefined } : undefined;
}
