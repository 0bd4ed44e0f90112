import { benchUser, demoUser } from '../stack/benchMailboxes';
import { row } from '../report/rows';
import { variantNames } from './benchContext';
import { compareFolderSync } from './compareFolderSync';
import { absoluteRows, bytesRow, ratioRow, type Breakdown, type Scenario } from './scenario';

const window = 100;
/** Ferry cuts text bodies at this many UTF-16 units; the direct client gets whole ones (Graph cannot cut). */
const bodyMaxChars = 512;

type Samples = Awaited<ReturnType<typeof compareFolderSync>>;

/** Scenario 1's byte targets and round-trip target, shared by scenario 5 (the demo inbox). */
function initialSyncRows(samples: Samples, prefix: string, breakdowns: Breakdown[]) {
  return [
    bytesRow(samples, prefix, 'ferry-raw', 'direct-raw', 0.3, breakdowns),
    bytesRow(samples, prefix, 'ferry-br', 'direct-raw', 0.1, breakdowns),
    bytesRow(samples, prefix, 'ferry-br', 'direct-gzip', 0.5, breakdowns),
    ratioRow(samples, `${prefix}.round-trips.ferry/direct`, 'ferry-br', 'direct-gzip', (s) => s.roundTrips, 1.0),
  ];
}

/** 1. Initial sync of the bench folder, text bodies cut at 512 against full text bodies. */
export const initialSync: Scenario = {
  name: 'initial',
  title: 'initial sync, text bodies (Ferry cut at 512) against full text bodies',
  budgetInSeconds: 65,
  async run(context) {
    const samples = await compareFolderSync(context, {
      user: benchUser,
      folderId: await context.inboxId(benchUser),
      window,
      ferryBody: { type: 'text', maxChars: bodyMaxChars },
      directWithBody: true,
      variants: variantNames,
    });
    const breakdowns: Breakdown[] = [];
    const rows = [
      ...initialSyncRows(samples, 'initial', breakdowns),
      ratioRow(samples, 'initial.graph-calls.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.graphCalls, 1.1),
      ratioRow(samples, 'initial.wall.ferry-br/direct-raw', 'ferry-br', 'direct-raw', (s) => s.wallInMs, 0.5),
      ratioRow(samples, 'initial.wall.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.wallInMs, 1.0),
      row('initial.batches.ferry', samples['ferry-br']!.map((s) => s.batches), null, 'count'),
      row('initial.round-trips.ferry', samples['ferry-br']!.map((s) => s.roundTrips), null, 'count'),
      row('initial.round-trips.direct', samples['direct-gzip']!.map((s) => s.roundTrips), null, 'count'),
      ...absoluteRows(samples, 'initial'),
    ];
    return { rows, breakdowns };
  },
};

/** 5. Scenario 1's byte and round-trip lines on alice's Inbox as `npm start` seeds it. */
export const demoInbox: Scenario = {
  name: 'demo-inbox',
  title: "scenario 1's bytes and round trips on alice's Inbox as npm start seeds it (link model off: no timing)",
  budgetInSeconds: 12,
  async run(context) {
    const folderId = await context.inboxId(demoUser);
    const samples = await context.withoutLinkModel(() =>
      compareFolderSync(context, { user: demoUser, folderId, window, ferryBody: { type: 'text', maxChars: bodyMaxChars }, directWithBody: true, variants: variantNames }),
    );
    const breakdowns: Breakdown[] = [];
    const rows = [
      ...initialSyncRows(samples, 'demo-inbox', breakdowns),
      row('demo-inbox.messages', [samples['direct-raw']!.at(-1)!.items ?? 0], null, 'count'),
      ...absoluteRows(samples, 'demo-inbox').filter((r) => r.name.includes('.device-kb.')),
    ];
    return { rows, breakdowns };
  },
};

/**
 * Scenario 1 with no link model (loopback, no delay, no rate limit): printed without a target, since
 * Ferry does all the direct path does plus a hop; it shows what Ferry's own work costs.
 */
export const loopbackSync: Scenario = {
  name: 'loopback',
  title: 'scenario 1 on loopback (no link model), printed without a target',
  budgetInSeconds: 10,
  async run(context) {
    const folderId = await context.inboxId(benchUser);
    // Printed only, so fewer repeats than the verdicts need.
    const repeats = Math.min(context.options.repeats, 3);
    const samples = await context.withoutLinkModel(() =>
      compareFolderSync(context, { user: benchUser, folderId, window, ferryBody: { type: 'text', maxChars: bodyMaxChars }, directWithBody: true, variants: variantNames, repeats }),
    );
    return {
      rows: [
        ratioRow(samples, 'loopback.wall.ferry-br/direct-raw', 'ferry-br', 'direct-raw', (s) => s.wallInMs, null),
        ratioRow(samples, 'loopback.wall.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.wallInMs, null),
        ratioRow(samples, 'loopback.wall.ferry-raw/direct-raw', 'ferry-raw', 'direct-raw', (s) => s.wallInMs, null),
        ...absoluteRows(samples, 'loopback').filter((r) => r.name.includes('.wall-ms.')),
      ],
      breakdowns: [],
    };
  },
};
