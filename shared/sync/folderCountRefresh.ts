import type { MailFolder } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graphRequest';
import type { Logger } from '../observability/logger';
import type { Folder } from '../protocol/schemas/folders';
import { folderSyncSelectFields } from '../translate/folderSelectFields';
import { toDeviceFolder } from '../translate/toDeviceFolder';
import type { WellKnownFolderIds } from '../translate/wellKnownFolderIds';
import { jsonBytes } from './chooseAnswerCut';
import type { AnswerSoFar } from './defineSyncCommand';
import { applyToCountDigest, countsChanged, decodeCountDigest, encodeCountDigest, type CountDigest } from './folderCountDigest';
import { listVisibleFolders } from './listVisibleFolders';

/**
 * Fresh folder counts. Graph's mailFolders/delta may not report a folder whose only change is its
 * counts (UNVERIFIED; the simulator's `folderCountsStale`). So at the start of every incremental round
 * folders/sync lists the folders with their counts, beside the delta pull, and sends again each folder
 * whose `unread`/`total` differ from what the device holds (the sealed digest, folderCountDigest.ts).
 * Cost: one Graph call per incremental round (per 500 folders), none in any other answer, and answer
 * bytes only for folders whose counts changed. The listing is part of the round's start: when it fails
 * the answer fails as any Graph failure does (the device retries by its rule), because a round that
 * ended without it would leave the device content with stale counts until something else changed.
 */

/** The listing, started beside the round; asking for it waits (and throws its failure). */
export type FolderListing = () => Promise<MailFolder[]>;

export function startFolderListing(graph: GraphClient, pageSize: number): FolderListing {
  // Never rejects while nobody waits for it (the round may fail first): the failure is kept and thrown
  // when the answer asks for the listing.
  const settled: Promise<{ folders: MailFolder[] } | { error: unknown }> = listVisibleFolders(graph, folderSyncSelectFields, pageSize).then(
    (folders) => ({ folders }),
    (error: unknown) => ({ error }),
  );
  return async () => {
    const outcome = await settled;
    if ('error' in outcome) throw outcome.error;
    return outcome.folders;
  };
}

export interface CountRefreshSetup {
  /** Started at an incremental round's start; absent in every other answer. */
  listing?: FolderListing;
  /** The previous state; `counts` absent in states sealed before the digest. */
  previous?: { counts?: string };
  wellKnown: WellKnownFolderIds;
  logger: Logger;
}

/**
 * The folders this answer adds for their counts, and the digest to seal with it (undefined: none yet).
 * A state from before the digest gets every listed folder once; until that went out whole, the digest
 * stays absent, so no folder goes unchecked.
 */
export async function refreshFolderCounts(answer: AnswerSoFar<Folder>, setup: CountRefreshSetup): Promise<{ upserts: Folder[]; counts?: string }> {
  const listed = setup.listing ? await setup.listing() : undefined;
  const checkAll = !answer.reset && setup.previous !== undefined && setup.previous.counts === undefined;
  const held: CountDigest = answer.reset || setup.previous?.counts === undefined ? new Map() : decodeCountDigest(setup.previous.counts);
  const { refreshed, complete } = listed ? changedCounts(listed, answer, held, checkAll, setup.wellKnown) : { refreshed: [], complete: !checkAll };
  if (refreshed.length > 0) setup.logger.info('folders.counts_refreshed', { folders: refreshed.length });
  if (checkAll && !complete) return { upserts: refreshed };
  return { upserts: refreshed, counts: encodeCountDigest(applyToCountDigest(held, [...answer.upserts, ...refreshed], answer.removed)) };
}

/**
 * The listed folders whose counts changed since the device got them (all of them with `checkAll`), in
 * the device form, within the answer's room, never one the answer already carries (an id appears once
 * per answer). Those beyond the room keep their digest entries, so the next round sends them.
 */
function changedCounts(listed: readonly MailFolder[], answer: AnswerSoFar<Folder>, held: CountDigest, checkAll: boolean, wellKnown: WellKnownFolderIds) {
  const inAnswer = new Set([...answer.upserts.map((folder) => folder.id), ...answer.removed]);
  const refreshed: Folder[] = [];
  let room = answer.roomInBytes;
  for (const graphFolder of listed) {
    if (inAnswer.has(graphFolder.id!)) continue;
    const folder = toDeviceFolder(graphFolder, wellKnown);
    if (!checkAll && !countsChanged(held, folder)) continue;
    room -= jsonBytes(folder) + 1;
    if (room < 0) return { refreshed, complete: false };
    refreshed.push(folder);
  }
  return { refreshed, complete: true };
}
