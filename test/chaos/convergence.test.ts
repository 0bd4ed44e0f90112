import fc from 'fast-check';
import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { attemptProblems, coverageProblems } from './chaosChecks';
import { chaosCollections } from './chaosCollections';
import { startChaosStack, type ChaosStack } from './chaosHarness';
import { chaosUser, convergenceProperty, freshMailbox } from './convergenceCollection';

/**
 * Convergence under chaos (docs/testing.md): for every registered collection, a fast-check property
 * under the simulator's chaos profile, each run on a fresh mailbox with two devices of one user.
 * Runs: FERRY_CHAOS_RUNS per collection (default 50); seed: FERRY_CHAOS_SEED (fast-check prints seed
 * and path on a failure: replay with FERRY_CHAOS_SEED and FERRY_CHAOS_PATH, see docs/testing.md). Bounds: at most 30 steps and 10 s per run, 120 s per
 * collection.
 */
const runs = Number(process.env.FERRY_CHAOS_RUNS ?? 50);
const seed = Number(process.env.FERRY_CHAOS_SEED ?? 20260611);
const path = process.env.FERRY_CHAOS_PATH;

describe('convergence under chaos', () => {
  let chaos: ChaosStack;
  beforeAll(async () => {
    // A sent message's 404 window scaled like the rest (Exchange's seconds; still ten of the device's polls).
    chaos = await startChaosStack({ mailboxes: [{ user: chaosUser, ...freshMailbox }, { user: 'bob@contoso.test', messageCount: 1, folderCount: 0 }], sendWindowInMs: 100 });
    requestRecorder.start();
  });
  afterAll(async () => {
    requestRecorder.stop();
    await chaos.close();
  });

  it.each(chaosCollections.map((collection) => [collection.name, collection] as const))(
    `%s: every device ends with exactly its mailbox (${runs} runs)`,
    async (_name, collection) => {
      await chaos.resetStats();
      requestRecorder.clear();
      await fc.assert(convergenceProperty(collection, chaos, chaos.chaos), {
        numRuns: runs,
        seed,
        ...(path ? { path } : {}),
        timeout: 10_000,
        // Faults make a failing run hard to shrink faithfully: report the first failure as it happened.
        endOnFailure: true,
      });
      if (collection.report) console.info(collection.report());
      const { faults } = await chaos.stats();
      // By client-request-id: no request repeated beyond the rule table's bounds.
      expect(attemptProblems(faults.attempts)).toEqual([]);
      // At least 20% of Ferry's requests faulted, every fault kind seen in this collection.
      expect(coverageProblems(faults)).toEqual([]);
      // Every Graph request, $batch item and followed link of Ferry's asked for immutable ids, retries included.
      const { problems, kinds } = ferryRequestSummary(requestRecorder.entries());
      expect(problems).toEqual([]);
      expect(kinds['followed link']).toBeGreaterThan(0);
    },
    120_000,
  );
});
