import type { DeltaRound, DeltaState, RoundEntry } from '../../../core/delta/deltaPaging';
import type { MailboxStore } from '../mailboxStore';
import type { MessageRecord } from '../mailboxTypes';
import { compareBy, matchesFilter, type FilterClause } from './messageFilter';
import type { Random } from '../../../core/random';

/** "Applying $filter in a delta query returns only up to 5,000 messages" (delta-query-messages). */
export const filteredDeltaLimit = 5000;

/** What a message deltaLink keeps besides the engine's state: the folder, the first request's options, ids reported removed. */
export interface MessageDeltaParams {
  folderId: string;
  filter?: FilterClause[];
  changeType?: 'created' | 'updated' | 'deleted';
  /** Ids this chain of rounds has reported `@removed` (for the `immutableIdMoveMiss` flag). */
  departed?: ReadonlySet<string>;
}

type MessageRound = DeltaRound<MessageDeltaParams>;

export interface MessageRoundFlags {
  partialUpdates: boolean;
  immutableIdMoveMiss: boolean;
  random: Random;
}

/**
 * The first round: every message in the folder (filtered, at most 5,000 when filtered), newest first
 * when `$orderby=receivedDateTime desc` was asked, otherwise in no promised order (here: by id).
 * `$top` caps the whole round, not a page: "GET .../messages/delta?$top=2 ... came back with 2
 * messages", and its nextLink "returns nothing" but the deltaLink
 * (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/7946); pages stay
 * `odata.maxpagesize` (default 10) long. The messages past the cap count as known, so later rounds
 * report only their changes: older messages are never downloaded
 * (https://github.com/bkaankose/Wino-Mail/pull/716). UNVERIFIED: that later rounds are uncapped, and
 * the extra empty page before the deltaLink the issue shows (here the capped round ends on its last page).
 */
export function startMessageRound(
  store: MailboxStore,
  params: Omit<MessageDeltaParams, 'departed'> & { select?: string[]; top?: number; orderByReceivedDesc: boolean },
): MessageRound {
  let members = store.messagesIn(params.folderId).filter((m) => matchesFilter(m, params.filter ?? []));
  const newestFirst = compareBy([{ property: 'receivedDateTime', descending: true }]);
  if (params.filter && params.filter.length > 0) members = members.sort(newestFirst).slice(0, filteredDeltaLimit);
  members.sort(params.orderByReceivedDesc ? newestFirst : compareBy([]));
  const { folderId, filter, changeType, select, top } = params;
  const state: DeltaState<MessageDeltaParams> = {
    collection: `mail.messages:${folderId}`,
    seq: store.sequence,
    known: new Set(members.map((m) => m.id)),
    select,
    params: { folderId, filter, changeType },
  };
  const reported = top === undefined ? members : members.slice(0, top);
  return { state, sinceSeq: store.sequence, entries: reported.map((m) => ({ id: m.id, removed: false, partial: false })) };
}

/**
 * A following round, from a deltaLink's state. Gone from the folder (deleted or moved out): `@removed`
 * with reason `deleted`. New in the folder (created or moved in): the full item. Changed since: the
 * item, or with `partialUpdates` sometimes only its changed properties. With `immutableIdMoveMiss` an
 * item whose only writes since are moves (out and back) is not reported, nor is an item moved back into
 * a folder whose delta already reported it removed: the documented miss (Ferry's periodic full round
 * heals it).
 */
export function continueMessageRound(store: MailboxStore, from: DeltaState<MessageDeltaParams>, flags: MessageRoundFlags): MessageRound {
  const { folderId, filter, changeType, departed: departedBefore } = from.params;
  const current = new Map(store.messagesIn(folderId).map((m) => [m.id, m] as const));
  const removed: RoundEntry[] = [];
  const created: RoundEntry[] = [];
  const updated: RoundEntry[] = [];
  const known = new Set<string>();
  for (const id of from.known) {
    if (current.has(id)) known.add(id);
    else removed.push({ id, removed: true, partial: false });
  }
  for (const message of current.values()) {
    if (!from.known.has(message.id)) {
      // UNVERIFIED: items arriving in a filtered delta are filtered like the first round.
      if (!matchesFilter(message, filter ?? [])) continue;
      known.add(message.id);
      // The documented immutable-id miss: an item the client saw leave, moved back in, is not reported.
      if (flags.immutableIdMoveMiss && departedBefore?.has(message.id)) continue;
      created.push({ id: message.id, removed: false, partial: false });
    } else if (isChangedSince(message, from.seq, flags)) {
      updated.push({ id: message.id, removed: false, partial: flags.partialUpdates && flags.random.chance(0.5) });
    }
  }
  const entries =
    changeType === 'created' ? created : changeType === 'updated' ? updated : changeType === 'deleted' ? removed : [...removed, ...created, ...updated];
  const departed = new Set([...(departedBefore ?? []), ...removed.map((r) => r.id)]);
  return { state: { ...from, seq: store.sequence, known, params: { ...from.params, departed } }, sinceSeq: from.seq, entries };
}

function isChangedSince(message: MessageRecord, seq: number, flags: MessageRoundFlags): boolean {
  if (message.changeSeq <= seq) return false;
  return !(flags.immutableIdMoveMiss && message.contentSeq <= seq);
}
