import { ferryFolderSync } from '../clients/ferryFolderSync';
import { directFolderSync } from '../direct/directFolderSync';
import { row } from '../report/rows';
import { benchMailboxSpecs, demoUser } from '../stack/benchMailboxes';
import { runRepeats } from './runRepeats';
import { absoluteRows, ratioRow, type Scenario } from './scenario';

/** New mail between two syncs: the Inbox's unread and total change, nothing else in the tree. */
const arrivals = 3;

/**
 * 9. Incremental folder sync after new mail (alice's tree as `npm start` seeds it): the cost of fresh
 * counts. Ferry lists the folders beside the deltaLink at every incremental round, so it makes two
 * Graph calls where the direct client makes one (docs/performance.md); the device still makes one
 * round trip. The simulator reports count changes in the delta here (`folderCountsStale` off), so
 * both paths end with the same counts; where Graph does not, only Ferry's are fresh.
 */
export const foldersSync: Scenario = {
  name: 'folders',
  title: `incremental folder sync after ${arrivals} arrivals (counts change)`,
  budgetInSeconds: 6,
  async run(context) {
    const { sim } = context.stack;
    const ferryToken = await context.ferryToken(demoUser);
    const graphToken = await context.graphToken(demoUser);
    try {
      // Untimed, unshaped: both clients finish a first round.
      let state = (await ferryFolderSync(context.setup.ferry, ferryToken)).state;
      let link = (await directFolderSync(context.setup.graph, graphToken)).link;
      const upserts: number[] = [];
      const stateChars: number[] = [];
      const ferryRun = () =>
        context.measure('ferry-br', demoUser, async (client) => {
          const run = await ferryFolderSync(client, ferryToken, state);
          state = run.state;
          upserts.push(run.upserts);
          stateChars.push(run.state.length);
          return run;
        });
      const directRun = () =>
        context.measure('direct-gzip', demoUser, async (client) => {
          const run = await directFolderSync(client, graphToken, link);
          link = run.link;
          return run;
        });
      await ferryRun(); // warm-up: nothing changed yet
      await directRun();
      upserts.length = 0;
      stateChars.length = 0;
      const samples = await runRepeats(
        context.options.repeats,
        [
          { variant: 'ferry-br', run: ferryRun },
          { variant: 'direct-gzip', run: directRun },
        ],
        async (repeat) => void (await sim.arrive(demoUser, arrivals, context.options.seed * 1000 + repeat)),
      );
      const rows = [
        ratioRow(samples, 'folders.round-trips.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.roundTrips, 1.0),
        ratioRow(samples, 'folders.graph-calls.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.graphCalls, 2.0),
        // Printed only: one changed folder weighs less than Ferry's sealed state (well-known folder ids
        // and the count digest, about 7 characters per folder), which a deltaLink does not carry.
        ratioRow(samples, 'folders.bytes.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.deviceBytes, null),
        ratioRow(samples, 'folders.wall.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.wallInMs, null),
        row('folders.upserts.ferry', upserts, null, 'count'),
        row('folders.state-chars.ferry', stateChars, null, 'count'),
        ...absoluteRows(samples, 'folders').filter((r) => !r.name.includes('.body-kb.')),
      ];
      return { rows, breakdowns: [] };
    } finally {
      await sim.replaceMailbox(benchMailboxSpecs(1, context.options.messages).find((spec) => spec.user === demoUser)!);
    }
  },
};
