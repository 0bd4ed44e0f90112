import type { DeltaCollection } from '../../../core/delta/serveDelta';
import { parseSelect } from '../../../core/odataQuery';
import type { HandlerContext } from '../../../core/simContext';
import { requireStore } from '../resolveTargets';
import { continueFolderRound, startFolderRound } from './folderDeltaRound';
import { folderProperties, toGraphFolder } from './toGraphFolder';

/** GET /mailFolders/delta (https://learn.microsoft.com/graph/api/mailfolder-delta): the visible folder tree. */
export function folderDelta(ctx: HandlerContext): DeltaCollection<Record<string, never>> {
  const store = requireStore(ctx);
  const topLevelOnly = () => ctx.sim.flags.folderDeltaTopLevelOnly;
  return {
    key: 'mail.folders',
    path: 'mailFolders/delta',
    itemType: 'mailFolder',
    start: () => startFolderRound(store, parseSelect(ctx.request.query.get('$select'), folderProperties, 'mailFolder'), topLevelOnly()),
    continueFrom: (state) => continueFolderRound(store, state, { topLevelOnly: topLevelOnly(), countsStale: ctx.sim.flags.folderCountsStale }),
    render: (entry, round) => {
      if (entry.removed) return { id: entry.id, '@removed': { reason: 'deleted' } };
      const folder = store.folders.get(entry.id);
      // Gone or hidden since the round started: the next round reports it removed.
      return folder && store.isVisible(folder.id) ? toGraphFolder(store, folder, round.state.select) : undefined;
    },
  };
}
