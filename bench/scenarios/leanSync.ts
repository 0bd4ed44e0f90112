import { benchUser } from '../stack/benchMailboxes';
import { variantNames } from './benchContext';
import { compareFolderSync } from './compareFolderSync';
import { absoluteRows, bytesRow, type Breakdown, type Scenario } from './scenario';

/** 2. Lean initial sync: `body: none` against a `$select` without `body`: never more than a lean client. */
export const leanSync: Scenario = {
  name: 'lean',
  title: 'lean initial sync, body none against $select without body (link model off: bytes only)',
  budgetInSeconds: 12,
  async run(context) {
    const folderId = await context.inboxId(benchUser);
    const samples = await context.withoutLinkModel(() =>
      compareFolderSync(context, { user: benchUser, folderId, window: 100, ferryBody: { type: 'none' }, directWithBody: false, variants: variantNames }),
    );
    const breakdowns: Breakdown[] = [];
    const rows = [
      bytesRow(samples, 'lean', 'ferry-raw', 'direct-raw', 1.0, breakdowns),
      bytesRow(samples, 'lean', 'ferry-br', 'direct-gzip', 1.0, breakdowns),
      ...absoluteRows(samples, 'lean').filter((r) => r.name.includes('.device-kb.')),
    ];
    return { rows, breakdowns };
  },
};
