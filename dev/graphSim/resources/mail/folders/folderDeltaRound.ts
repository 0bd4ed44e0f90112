import type { DeltaRound, DeltaState, RoundEntry } from '../../../core/delta/deltaPaging';
import type { MailboxStore } from '../mailboxStore';

/**
 * Folder delta rounds. The tracked set is the visible tree below msgfolderroot, flattened, parents
 * before children; with `topLevelOnly` only msgfolderroot's children (Graph's docs do not promise the
 * whole tree, so clients must be able to walk childFolders). Created, renamed, moved and count-changed
 * folders are upserts; deleted, hidden or no-longer-tracked ones are `@removed` (reason `deleted`;
 * UNVERIFIED which reason Graph gives a folder that became hidden).
 * UNVERIFIED: whether a change of counts alone reaches the delta. https://learn.microsoft.com/graph/api/mailfolder-delta
 * promises "mail folders that have been added, deleted, or removed"; by default a count change is
 * reported (an update like any other), with `countsStale` it is not.
 */
type FolderRound = DeltaRound<Record<string, never>>;

export function startFolderRound(store: MailboxStore, select: string[] | undefined, topLevelOnly: boolean): FolderRound {
  const tree = store.visibleTree(topLevelOnly);
  const state: DeltaState<Record<string, never>> = { collection: 'mail.folders', seq: store.sequence, known: new Set(tree.map((f) => f.id)), select, params: {} };
  return { state, sinceSeq: store.sequence, entries: tree.map((f) => ({ id: f.id, removed: false, partial: false })) };
}

export function continueFolderRound(store: MailboxStore, from: DeltaState<Record<string, never>>, options: { topLevelOnly: boolean; countsStale: boolean }): FolderRound {
  const tree = store.visibleTree(options.topLevelOnly);
  const tracked = new Set(tree.map((f) => f.id));
  const upserts: RoundEntry[] = tree
    .filter((f) => !from.known.has(f.id) || (options.countsStale ? f.propertySeq : f.changeSeq) > from.seq)
    .map((f) => ({ id: f.id, removed: false, partial: false }));
  // Children before parents, so a client deleting as it reads never orphans a child.
  const removals: RoundEntry[] = [...from.known].filter((id) => !tracked.has(id)).reverse().map((id) => ({ id, removed: true, partial: false }));
  return { state: { ...from, seq: store.sequence, known: tracked }, sinceSeq: from.seq, entries: [...upserts, ...removals] };
}
