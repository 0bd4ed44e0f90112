import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { foldersSyncRequest, foldersSyncResponse, type Folder } from '../protocol/schemas/folders';
import { graphId } from '../protocol/schemas/common';
import { folderDeltaLinkRequest, folderDeltaRequest, folderGetRequest } from '../graph/requests/folderRequests';
import { folderSyncSelectFields } from '../translate/folderSelectFields';
import { defineSyncCommand } from '../sync/defineSyncCommand';
import { fetchWellKnownFolders } from '../sync/fetchWellKnownFolders';
import { walkMissingChildFolders } from '../sync/walkMissingChildFolders';
import { toDeviceFolder } from '../translate/toDeviceFolder';
import { wellKnownFolderKinds } from '../translate/wellKnownFolderIds';

/** Folder trees are small: one answer carries up to this many folders. */
const folderWindow = 500;

export const foldersSyncCommand = defineSyncCommand({
  route: 'folders/sync',
  functionName: 'foldersSync',
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
  },
  collection: () => 'folders',
  async plan(_input, { context, previous, startsRound }) {
    // Fetched again whenever a round starts, so a folder that becomes well-known later (Archive is
    // created on demand) gets its kind in the next round; kept in the state while a round runs.
    const wellKnown = startsRound || !previous ? await fetchWellKnownFolders(context.graph) : previous.wellKnown;
    return {
      state: { wellKnown },
      window: folderWindow,
      startRequest: (maxPageSize) => folderDeltaRequest(folderSyncSelectFields, maxPageSize),
      linkRequest: folderDeltaLinkRequest,
      select: folderSyncSelectFields,
      fillInRequest: (id, missing) => folderGetRequest(id, missing),
      toDevice: (folder: MailFolder): Folder | undefined => (folder.isHidden === true ? undefined : toDeviceFolder(folder, wellKnown)),
      // A round that starts and ends in one answer saw the whole tree: check it is complete. A reset
      // round spanning answers (over 500 folders) is not walked: its parts are never all in hand at once.
      completeRound: (visible: ReadonlyMap<string, MailFolder>) => walkMissingChildFolders(context.graph, new Map(visible), folderSyncSelectFields),
    };
  },
});
