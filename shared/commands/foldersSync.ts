import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { foldersSyncRequest, foldersSyncResponse, type Folder } from '../protocol/schemas/folders';
import { graphId } from '../protocol/schemas/common';
import { folderDeltaLinkRequest, folderDeltaRequest, folderGetRequest } from '../graph/requests/folderRequests';
import { folderSyncSelectFields } from '../translate/folderSelectFields';
import { defineSyncCommand, type AnswerSoFar } from '../sync/defineSyncCommand';
import { maxEncodedCountDigestLength } from '../sync/folderCountDigest';
import { refreshFolderCounts, startFolderListing } from '../sync/folderCountRefresh';
import type { CommandContext } from '../runtime/commandContext';
import { fetchWellKnownFolders, wellKnownKeys, type WellKnownFolderIds } from '../sync/fetchWellKnownFolders';
import { isFerryError } from '../protocol/ferryError';
import { walkMissingChildFolders } from '../sync/walkMissingChildFolders';
import { toDeviceFolder } from '../translate/toDeviceFolder';
import { wellKnownFolderKinds } from '../translate/wellKnownFolderIds';

/** Folder trees are small: one answer carries up to this many folders. */
const folderWindow = 500;

export const foldersSyncCommand = defineSyncCommand({
  route: 'folders/sync',
  functionName: 'foldersSync',
  batchable: true,
  summary: 'Sync the folder tree',
  description:
    'Returns every mail folder of the hierarchy (hidden folders left out) on the first round, then only the changes. `more`, `reset` and `state` follow the sync rules.',
  request: foldersSyncRequest,
  response: foldersSyncResponse,
  errors: ['sync_state_invalid', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  stateKind: 'folders',
  stateShape: {
    /** Folder ids by well-known kind (root included), resolved at the start of every round. */
    wellKnown: z.partialRecord(z.enum(wellKnownFolderKinds), graphId),
    /** The counts the device holds, per folder (folderCountDigest.ts); absent in states sealed before it. */
    counts: z.string().regex(/^[A-Za-z0-9_-]*$/).max(maxEncodedCountDigestLength).optional(),
  },
  collection: () => 'folders',
  async plan(_input, { context, previous, startsRound, startsOver }) {
    // Started now, beside the delta pull: one more Graph call per incremental round (folderCountRefresh.ts).
    const listing = startsRound && !startsOver ? startFolderListing(context.graph, folderWindow) : undefined;
    const wellKnown = await wellKnownFoldersFor(context, previous?.wellKnown, { startsRound, startsOver });
    return {
      state: { wellKnown, counts: previous?.counts },
      window: folderWindow,
      startRequest: (maxPageSize) => folderDeltaRequest(folderSyncSelectFields, maxPageSize),
      linkRequest: folderDeltaLinkRequest,
      select: folderSyncSelectFields,
      fillInRequest: (id, missing) => folderGetRequest(id, missing),
      toDevice: (folder: MailFolder): Folder | undefined => (folder.isHidden === true ? undefined : toDeviceFolder(folder, wellKnown)),
      // A round that starts and ends in one answer saw the whole tree: check it is complete. A reset
      // round spanning answers (over 500 folders) is not walked: its parts are never all in hand at once.
      completeRound: (visible: ReadonlyMap<string, MailFolder>) => walkMissingChildFolders(context.graph, new Map(visible), folderSyncSelectFields),
      amendAnswer: async (answer: AnswerSoFar<Folder>) => {
        const { upserts, counts } = await refreshFolderCounts(answer, { listing, previous, wellKnown, logger: context.logger });
        return { upserts, state: { wellKnown, counts } };
      },
    };
  },
});

/**
 * The well-known folders' ids for this answer. A full round resolves all of them. Any other round
 * start resolves again only those still unknown, so a folder that becomes well-known later (Archive
 * is created on demand) gets its kind in the next round, at no Graph call when all are known (a
 * well-known folder keeps its id); that refresh is best effort: if it fails, the round goes on with
 * what the state holds and the next round tries again. Within a round, the state's ids are kept.
 */
async function wellKnownFoldersFor(
  context: CommandContext,
  known: WellKnownFolderIds | undefined,
  round: { startsRound: boolean; startsOver: boolean },
): Promise<WellKnownFolderIds> {
  if (round.startsOver || !known) return fetchWellKnownFolders(context.graph);
  const missing = wellKnownKeys.filter((key) => known[key] === undefined);
  if (!round.startsRound || missing.length === 0) return known;
  try {
    return { ...known, ...(await fetchWellKnownFolders(context.graph, missing)) };
  } catch (error) {
    if (!isFerryError(error)) throw error;
    context.logger.info('folders.well_known_refresh_failed', { code: error.code, missing: missing.length });
    return known;
  }
}
