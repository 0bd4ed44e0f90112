import { ferrySync } from '../clients/ferrySync';
import { ratios, row } from '../report/rows';
import { benchFolderSpec, benchUser } from '../stack/benchMailboxes';
import type { Sample } from './benchContext';
import type { Scenario } from './scenario';

const window = 100;
const ferryBody = { type: 'text' as const, maxChars: 512 };
/** New mail between two syncs: one window's worth, so the lost answer is a full one. */
const arrivals = window;

/**
 * 8. A mail/sync answer lost on its way to the device, and the device's repeat of its previous state.
 * Graph's short pages are on, so the lost answer drains several pages; Exchange keeps only the three
 * newest generations of a delta chain (mgdc#7975), so the link in the repeated state is gone: Graph
 * answers 410 and Ferry restarts the round (`reset: true`). Targets: the repeat's device bytes and
 * Graph calls against the lost answer's. Printed beside: how often the repeat was a reset, and what
 * finishing the reset round then costs (the real price of a lost answer past the kept generations).
 * Bytes and calls only, so the link model is off.
 */
export const lostAnswer: Scenario = {
  name: 'lost-answer',
  title: 'a mail/sync answer lost after a drain of short Graph pages, and its repeat (link model off: bytes and calls only)',
  budgetInSeconds: 12,
  async run(context) {
    const { sim } = context.stack;
    const spec = benchFolderSpec(context.options.seed, context.options.messages);
    await sim.replaceMailbox(spec);
    await sim.setFlags({ shortPages: true });
    try {
      const folderId = await context.inboxId(benchUser);
      const token = await context.ferryToken(benchUser);
      const request = (state?: string) => ({ folderId, window, body: ferryBody, ...(state ? { state } : {}) });
      // Untimed, unshaped: a first round, so every repeat starts from a finished one.
      let state = (await ferrySync(context.setup.ferry, token, request())).state;
      const lost: Sample[] = [];
      const repeated: Sample[] = [];
      const finished: Sample[] = [];
      const resets: number[] = [];
      await context.withoutLinkModel(async () => {
        for (let repeat = 0; repeat < context.options.repeats; repeat++) {
          await sim.arrive(benchUser, arrivals, context.options.seed * 1000 + repeat);
          // The answer that never reaches the device: Ferry moved the round on, the device did not.
          lost.push(await context.measure('ferry-br', benchUser, (client) => ferrySync(client, token, request(state), { firstAnswerOnly: true })));
          let next = state;
          repeated.push(
            await context.measure('ferry-br', benchUser, async (client) => {
              const run = await ferrySync(client, token, request(state), { firstAnswerOnly: true });
              next = run.state;
              resets.push((run.answers[0] as { reset: boolean }).reset ? 1 : 0);
              return run;
            }),
          );
          finished.push(
            await context.measure('ferry-br', benchUser, async (client) => {
              const run = await ferrySync(client, token, request(next));
              state = run.state;
              return run;
            }),
          );
        }
      });
      const of = (samples: Sample[], measure: (s: Sample) => number) => samples.map(measure);
      const rows = [
        row('lost-answer.bytes.repeat/lost', ratios(of(repeated, (s) => s.deviceBytes), of(lost, (s) => s.deviceBytes)), 1.1),
        row('lost-answer.graph-calls.repeat/lost', ratios(of(repeated, (s) => s.graphCalls), of(lost, (s) => s.graphCalls)), 2),
        row('lost-answer.reset-share.repeat', [resets.reduce((a, b) => a + b, 0) / resets.length], null, 'share'),
        row('lost-answer.graph-calls.lost', of(lost, (s) => s.graphCalls), null, 'count'),
        row('lost-answer.graph-calls.repeat', of(repeated, (s) => s.graphCalls), null, 'count'),
        row('lost-answer.device-kb.lost', of(lost, (s) => s.deviceBytes / 1024), null, 'KB'),
        row('lost-answer.device-kb.rest-of-round', of(finished, (s) => s.deviceBytes / 1024), null, 'KB'),
        row('lost-answer.round-trips.rest-of-round', of(finished, (s) => s.roundTrips), null, 'count'),
      ];
      return { rows, breakdowns: [] };
    } finally {
      await sim.setFlags({ shortPages: false });
      await sim.replaceMailbox(spec);
    }
  },
};
