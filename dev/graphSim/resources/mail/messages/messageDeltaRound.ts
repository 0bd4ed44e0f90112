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
  /**
   * A filtered delta only: every id in the folder when the round started, inside the filter or not, so
   * a later round can report what happens to those outside it (unless `filteredDeltaStrict`).
   */
  inFolder?: ReadonlySet<string>;
}

type MessageRound = DeltaRound<MessageDeltaParams>;

export interface MessageRoundFlags {
  partialUpdates: boolean;
  immutableIdMoveMiss: boolean;
  filteredDeltaStrict: boolean;
  random: Random;
}

/** How often a mailbox's message delta showed the immutable-id move miss, by kind (for tests' reports). */
export interface MoveMissCounts {
  /** An item moved out and back between two delta calls came as `@removed` (mgdc#72). */
  outAndBack: number;
  /** An item moved back into a folder whose delta had reported it removed was not reported. */
  movedBack: number;
}

const moveMisses = new WeakMap<MailboxStore, MoveMissCounts>();

export function moveMissesOf(store: MailboxStore): MoveMissCounts {
  return { ...(moveMisses.get(store) ?? { outAndBack: 0, movedBack: 0 }) };
}

function countMiss(store: MailboxStore, kind: keyof MoveMissCounts): void {
  const counts = moveMisses.get(store) ?? { outAndBack: 0, movedBack: 0 };
  counts[kind]++;
  moveMisses.set(store, counts);
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
  params: Omit<MessageDeltaParams, 'departed' | 'inFolder'> & { select?: string[]; top?: number; orderByReceivedDesc: boolean },
): MessageRound {
  const all = store.messagesIn(params.folderId);
  let members = all.filter((m) => matchesFilter(m, params.filter ?? []));
  const newestFirst = compareBy([{ property: 'receivedDateTime', descending: true }]);
  const filtered = params.filter !== undefined && params.filter.length > 0;
  if (filtered) members = members.sort(newestFirst).slice(0, filteredDeltaLimit);
  members.sort(params.orderByReceivedDesc ? newestFirst : compareBy([]));
  const { folderId, filter, changeType, select, top } = params;
  const state: DeltaState<MessageDeltaParams> = {
    collection: `mail.messages:${folderId}`,
    seq: store.sequence,
    known: new Set(members.map((m) => m.id)),
    select,
    params: { folderId, filter, changeType, ...(filtered ? { inFolder: new Set(all.map((m) => m.id)) } : {}) },
  };
  const reported = top === undefined ? members : members.slice(0, top);
  return { state, sinceSeq: store.sequence, entries: reported.map((m) => ({ id: m.id, removed: false, partial: false })) };
}

/**
 * A following round, from a deltaLink's state. Gone from the folder (deleted or moved out): `@removed`
 * with reason `deleted`. New in the folder (created or moved in): the full item. Changed since: the
 * item, or with `partialUpdates` sometimes only its changed properties.
 *
 * With `immutableIdMoveMiss`, the immutable-id move miss reported in mgdc#72
 * (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/72): an item moved out and
 * back between two delta calls (only moves since, in the folder at both ends) comes as `@removed` and
 * "will not be reported again until it's changed/deleted/moved again"; an item moved back into a folder
 * whose delta already reported it removed is not reported either. Ferry's check of `@removed` ids heals
 * the first, its periodic full round the second.
 *
 * A filtered delta (`receivedDateTime ge|gt`) also reports, for items outside the filter, `@removed`
 * when they leave the folder and their read/unread changes, as mgdc#9760 describes
 * (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/pull/9760), unless `filteredDeltaStrict`.
 */
export function continueMessageRound(store: MailboxStore, from: DeltaState<MessageDeltaParams>, flags: MessageRoundFlags): MessageRound {
  const { folderId, filter, changeType, departed: departedBefore, inFolder: inFolderBefore } = from.params;
  const current = new Map(store.messagesIn(folderId).map((m) => [m.id, m] as const));
  const removed: RoundEntry[] = [];
  const created: RoundEntry[] = [];
  const updated: RoundEntry[] = [];
  const known = new Set<string>();
  for (const id of from.known) {
    const message = current.get(id);
    if (!message) {
      removed.push({ id, removed: true, partial: false });
      continue;
    }
    known.add(id);
    if (flags.immutableIdMoveMiss && isOnlyMovedSince(message, from.seq)) {
      removed.push({ id, removed: true, partial: false });
      countMiss(store, 'outAndBack');
    }
  }
  const reportOutside = inFolderBefore !== undefined && !flags.filteredDeltaStrict;
  for (const message of current.values()) {
    if (!from.known.has(message.id)) {
      if (reportOutside && inFolderBefore.has(message.id)) {
        // UNVERIFIED: which changes of an item outside the filter come back; mgdc#9760 names read/unread.
        if ((message.propSeq.isRead ?? 0) > from.seq) updated.push({ id: message.id, removed: false, partial: flags.partialUpdates && flags.random.chance(0.5) });
        continue;
      }
      // UNVERIFIED: items arriving in a filtered delta are filtered like the first round.
      if (!matchesFilter(message, filter ?? [])) continue;
      known.add(message.id);
      // The older miss: an item the client saw leave, moved back in, is not reported.
      if (flags.immutableIdMoveMiss && departedBefore?.has(message.id)) {
        countMiss(store, 'movedBack');
        continue;
      }
      created.push({ id: message.id, removed: false, partial: false });
    } else if (isChangedSince(message, from.seq, flags)) {
      updated.push({ id: message.id, removed: false, partial: flags.partialUpdates && flags.random.chance(0.5) });
    }
  }
  if (reportOutside) {
    for (const id of inFolderBefore) if (!from.known.has(id) && !current.has(id)) removed.push({ id, removed: true, partial: false });
  }
  const entries =
    changeType === 'created' ? created : changeType === 'updated' ? updated : changeType === 'deleted' ? removed : [...removed, ...created, ...updated];
  const departed = new Set([...(departedBefore ?? []), ...removed.map((r) => r.id)]);
  const params: MessageDeltaParams = { ...from.params, departed, ...(inFolderBefore ? { inFolder: new Set(current.keys()) } : {}) };
  return { state: { ...from, seq: store.sequence, known, params }, sinceSeq: from.seq, entries };
}

/** Written since `seq` only by moves: out of the folder and back, as it is in the folder at both ends. */
function isOnlyMovedSince(message: MessageRecord, seq: number): boolean {
  return message.changeSeq > seq && message.contentSeq <= seq;
}

function isChangedSince(message: MessageRecord, seq: number, flags: MessageRoundFlags): boolean {
  if (message.changeSeq <= seq) return false;
  return !(flags.immutableIdMoveMiss && message.contentSeq <= seq);
}
