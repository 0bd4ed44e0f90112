import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { foldersSyncRequest, foldersSyncResponse, type Folder } from '../protocol/schemas/folders';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { folderDeltaLinkRequest, folderDeltaRequest, folderGetRequest } from '../graph/requests/folderRequests';
import { folderSyncSelectFields } from '../translate/folderSelectFields';
import { fillInPartialItems } from '../sync/fillInPartialItems';
import { runDeltaRound, isRemoved, pullingShareOfSyncBudget } from '../sync/runDeltaRound';
import { fetchWellKnownFolders } from '../sync/fetchWellKnownFolders';
import { walkMissingChildFolders } from '../sync/walkMissingChildFolders';
import { openSyncState, sealSyncState, shouldStartFullRound, toEpochSeconds } from '../sync/syncStateCodec';
import { foldersCollection } from '../state/stateBinding';
import { toDeviceFolder } from '../translate/toDeviceFolder';

/** Folder trees are small: one answer carries up to this many folders. */
const folderWindow = 500;

export const foldersSyncCommand: CommandDefinition<typeof foldersSyncRequest, typeof foldersSyncResponse> = {
  route: 'folders/sync',
  functionName: 'foldersSync',
  summary: 'Sync the folder tree',
  description:
    'Returns every mail folder of the hierarchy (hidden folders left out) on the first round, then only the changes. `more`, `reset` and `state` follow the sync rules.',
  request: foldersSyncRequest,
  response: foldersSyncResponse,
  errors: ['sync_state_invalid', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const collection = foldersCollection;
    // The state is checked before anything else: a bad one is 410 whatever else is wrong.
    const previous = input.state ? await openSyncState(context, input.state, collection, 'folders') : undefined;
    const now = context.clock.now();
    const startOver = !previous?.link || shouldStartFullRound(previous, now, context.config);
    const wellKnown = previous?.wellKnown ?? (await fetchWellKnownFolders(context.graph));
    const round = await runDeltaRound({
      graph: context.graph,
      clock: context.clock,
      window: folderWindow,
      stopPullingAt: now + context.config.FERRY_SYNC_BUDGET_MS * pullingShareOfSyncBudget,
      link: startOver ? undefined : previous!.link,
      startRequest: (maxPageSize) => folderDeltaRequest(folderSyncSelectFields, maxPageSize),
      linkRequest: folderDeltaLinkRequest,
    });

    const removed: string[] = [];
    const present = new Map<string, MailFolder>();
    for (const [id, entry] of round.changes) {
      if (isRemoved(entry)) removed.push(id);
      else present.set(id, entry as MailFolder);
    }
    const filled = await fillInPartialItems(context.graph, present, folderSyncSelectFields, (id, missing) => folderGetRequest(id, missing));
    removed.push(...filled.vanished);
    const visible = new Map<string, MailFolder>();
    for (const [id, folder] of filled.complete) {
      if (folder.isHidden === true) removed.push(id);
      else visible.set(id, folder);
    }
    // A round that starts and ends in this answer saw the whole tree: check it is complete. A reset
    // round spanning answers (over 500 folders) is not walked: its parts are never all in hand at once.
    if (round.reset && !round.more) await walkMissingChildFolders(context.graph, visible, folderSyncSelectFields);
    const upserts: Folder[] = [];
    for (const folder of visible.values()) upserts.push(toDeviceFolder(folder, wellKnown));

    const state = await sealSyncState<'folders'>(context, collection, {
      kind: 'folders',
      link: round.link,
      inRound: round.inRound,
      roundStartedAt: round.reset ? toEpochSeconds(now) : previous!.roundStartedAt,
      wellKnown,
    });
    context.logger.info('folders.sync', { upserts: upserts.length, removed: removed.length, reset: round.reset, more: round.more });
    return { state, more: round.more, reset: round.reset, upserts, removed };
  },
};
