import { createRandom } from '../../dev/graphSim/core/random';
import { ferrySync } from '../clients/ferrySync';
import type { LinkClient } from '../clients/linkClient';
import { directSync } from '../direct/directSync';
import { benchUsageProfile, graphBudget, graphBudgetRows } from '../report/graphBudget';
import { row } from '../report/rows';
import { serverTimingRows, wallFloorRow } from '../report/serverTimingRows';
import { benchFolderSpec, benchUser } from '../stack/benchMailboxes';
import type { BenchContext } from './benchContext';
import { runRepeats } from './runRepeats';
import { absoluteRows, bytesRow, ratioRow, type Breakdown, type Scenario } from './scenario';

const window = 100;
const ferryBody = { type: 'text' as const, maxChars: 512 };
/** The 20 changes between two syncs: 5 arrivals, 8 read/flag/category changes, 4 moves out, 3 deletes. */
export const changePlan = { arrivals: 5, updates: 8, movesOut: 4, deletes: 3 } as const;
const changeCount = changePlan.arrivals + changePlan.updates + changePlan.movesOut + changePlan.deletes;

/**
 * 4. Incremental sync after 20 changes made through the simulator, twice: first as Microsoft's
 * message-delta example documents an updated message (every selected property, the simulator's
 * `partialUpdates` off: the wall-time target holds here), then with Graph's partial updates on (an
 * updated item may carry only what changed: the overview's worst case). The direct client keeps its
 * own copy and needs nothing more; Ferry, stateless, fetches the missing fields in `$batch` and checks
 * the removed ids in another (counted apart: batches, the GETs in them, the removed ids answered).
 * The count targets are those of the partial pass; its wall ratio is printed with the fill-ins.
 */
export const incrementalSync: Scenario = {
  name: 'incremental',
  title: 'incremental sync after 20 changes (5 arrivals, 8 read/flag/category, 4 moves out, 3 deletes), partial items off, then on',
  budgetInSeconds: 18,
  async run(context) {
    const whole = await measureIncremental(context, false);
    const partial = await measureIncremental(context, true);
    const breakdowns: Breakdown[] = [];
    const { samples, idle, fullRound } = partial;
    const direct = samples['direct-gzip']!;
    const ferry = samples['ferry-br']!;
    const rows = [
      ratioRow(samples, 'incremental.round-trips.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.roundTrips, 1.0),
      ratioRow(samples, 'incremental.graph-calls.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.graphCalls, 1.1),
      bytesRow(samples, 'incremental', 'ferry-br', 'direct-gzip', 1.0, breakdowns),
      // The documented case (whole items): Ferry's extra is one in-region round trip and its own time.
      ratioRow(whole.samples, 'incremental.wall.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.wallInMs, 1.1),
      wallFloorRow('incremental.wall.floor.ferry-br/direct-gzip', whole.samples['direct-gzip']!.map((s) => s.wallInMs), context.options.regionRttInMs),
      ...serverTimingRows('incremental', whole.samples['ferry-br']!.map((s) => s.serverTimings ?? [])),
      // Partial items on: the fill-in `$batch` follows the delta page and cannot overlap it. No target.
      ratioRow(samples, 'incremental.wall.partial-items.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.wallInMs, null),
      row('incremental.fill-ins.partial-items.ferry', ferry.map((s) => s.batchGets - removedIn(s.answers)), null, 'count'),
      ...serverTimingRows('incremental.partial-items', ferry.map((s) => s.serverTimings ?? [])),
      row('incremental.partial-item-share.direct', direct.map((s) => (s.items ? (s.partialItems ?? 0) / s.items : 0)), null, 'share'),
      // Ferry's `$batch`es: one fills in partial items, one checks the removed ids (mgdc#72); every
      // removed id here is truly gone (moved out or deleted), so each costs one GET and no byte.
      row('incremental.batches.ferry', ferry.map((s) => s.batches), null, 'count'),
      row('incremental.batch-gets.ferry', ferry.map((s) => s.batchGets), null, 'count'),
      row('incremental.removed.ferry', ferry.map((s) => removedIn(s.answers)), null, 'count'),
      ...absoluteRows(samples, 'incremental').filter((r) => !r.name.includes('.body-kb.')),
      ...graphBudgetRows(ferry.map((changed) => graphBudget(benchUsageProfile, { idleSync: idle.graphOperations, changedSync: changed.graphOperations, changes: changeCount, fullRound }))),
    ];
    return { rows, breakdowns };
  },
};

/** One pass: a fresh bench folder, both clients through a first round (untimed), then the repeats of 20 changes and one sync each. */
async function measureIncremental(context: BenchContext, partialUpdates: boolean) {
  const { sim } = context.stack;
  const spec = benchFolderSpec(context.options.seed, context.options.messages);
  await sim.replaceMailbox(spec);
  await sim.setFlags({ partialUpdates });
  try {
    const folderId = await context.inboxId(benchUser);
    const ferryToken = await context.ferryToken(benchUser);
    const graphToken = await context.graphToken(benchUser);
    // Untimed, unshaped: both clients finish a first round (Ferry's Graph requests counted for the budget rows).
    const beforeFirstRound = await sim.stats();
    let state = (await ferrySync(context.setup.ferry, ferryToken, { folderId, window, body: ferryBody })).state;
    const afterFirstRound = await sim.stats();
    const fullRound = afterFirstRound.operations - beforeFirstRound.operations - ((afterFirstRound.byOperation.batch ?? 0) - (beforeFirstRound.byOperation.batch ?? 0));
    let link = (await directSync(context.setup.graph, graphToken, { folderId, pageSize: window, withBody: true })).link;
    const ferryRun = () =>
      context.measure('ferry-br', benchUser, async (client) => {
        const run = await ferrySync(client, ferryToken, { folderId, window, body: ferryBody, state });
        state = run.state;
        return run;
      });
    const directRun = () =>
      context.measure('direct-gzip', benchUser, async (client) => {
        const run = await directSync(client, graphToken, { folderId, pageSize: window, withBody: true, link });
        link = run.link;
        return run;
      });
    const idle = await ferryRun(); // warm-up: nothing changed yet
    await directRun();
    const samples = await runRepeats(
      context.options.repeats,
      [
        { variant: 'ferry-br', run: ferryRun },
        { variant: 'direct-gzip', run: directRun },
      ],
      (repeat) => applyChanges(context, context.setup.graph, graphToken, folderId, context.options.seed * 1000 + repeat),
    );
    return { samples, idle, fullRound };
  } finally {
    await sim.setFlags({ partialUpdates: false });
    await sim.replaceMailbox(spec);
  }
}

function removedIn(answers: unknown[]): number {
  return answers.reduce<number>((total, answer) => total + ((answer as { removed?: unknown[] }).removed?.length ?? 0), 0);
}

/** The 20 changes, through Graph on the simulator directly (untimed), targets drawn from `seed`. */
async function applyChanges(context: BenchContext, graph: LinkClient, token: string, folderId: string, seed: number): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const listed = await graph.request({ method: 'GET', path: `/v1.0/me/mailFolders/${encodeURIComponent(folderId)}/messages?$select=id,isRead,flag,categories&$top=1000`, headers: auth });
  const messages = (listed.json as { value: { id: string; isRead: boolean; flag: { flagStatus: string }; categories: string[] }[] }).value;
  const random = createRandom(seed);
  const picked = random.shuffle(messages).slice(0, changePlan.updates + changePlan.movesOut + changePlan.deletes);
  const check = (answer: { status: number }, what: string) => {
    if (answer.status >= 300) throw new Error(`${what} answered ${answer.status}`);
  };
  for (const [index, message] of picked.slice(0, changePlan.updates).entries()) {
    const change =
      index % 3 === 0
        ? { isRead: !message.isRead }
        : index % 3 === 1
          ? { flag: { flagStatus: message.flag.flagStatus === 'flagged' ? 'notFlagged' : 'flagged' } }
          : { categories: message.categories.includes('Follow up') ? message.categories.filter((c) => c !== 'Follow up') : [...message.categories, 'Follow up'] };
    check(await graph.request({ method: 'PATCH', path: `/v1.0/me/messages/${encodeURIComponent(message.id)}`, headers: auth, body: change }), 'PATCH');
  }
  for (const message of picked.slice(changePlan.updates, changePlan.updates + changePlan.movesOut)) {
    check(await graph.request({ method: 'POST', path: `/v1.0/me/messages/${encodeURIComponent(message.id)}/move`, headers: auth, body: { destinationId: 'archive' } }), 'move');
  }
  for (const message of picked.slice(changePlan.updates + changePlan.movesOut)) {
    check(await graph.request({ method: 'DELETE', path: `/v1.0/me/messages/${encodeURIComponent(message.id)}`, headers: auth }), 'DELETE');
  }
  await context.stack.sim.arrive(benchUser, changePlan.arrivals, seed);
}
