import fc from 'fast-check';
import type { AnswerRecord, ReferenceDevice } from '../device/referenceDevice';
import type { DeviceAnswer, Stack } from '../helpers/startStack';
import { answerProblems } from './chaosChecks';
import type { ChaosStack, FaultSwitch } from './chaosHarness';

/** The user whose mailbox every run replaces, and the size of that mailbox (issue 6: 6 folders, 40 messages; 16 contacts in 4 contact folders). */
export const chaosUser = 'alice@contoso.test';
export const freshMailbox = { messageCount: 40, folderCount: 6, contactCount: 16 };

/** What one run of a collection's property gets. */
export interface RunContext {
  stack: Stack;
  upn: string;
  /** On when the run starts (seeded by `faultSeed`); the collection turns it off before its final syncs. */
  faults: FaultSwitch;
  faultSeed: number;
  /** A fresh reference device of `upn` whose answers are checked after the run. */
  device(seed: number): ReferenceDevice;
  /** The test's own Graph call as `upn` (another client changing the mailbox: never faulted). */
  graph(method: string, path: string, body?: unknown, upn?: string): Promise<DeviceAnswer>;
}

/**
 * A collection of the chaos suite: arbitraries for one run and the run itself (steps with faults on,
 * then faults off, every device syncs every collection to `more: false` in at most 20 calls, and its
 * copies equal the mailbox field by field). Later collections (calendar, contacts, sending, the
 * devices' own changes) add a module like this and one line to chaosCollections.ts.
 */
export interface ConvergenceCollection<Args extends unknown[] = unknown[]> {
  name: string;
  arbitraries: { [K in keyof Args]: fc.Arbitrary<Args[K]> };
  run(context: RunContext, args: Args): Promise<void>;
  /** A line the suite prints after the collection's runs (e.g. which cure healed the move miss). */
  report?(): string;
}

/**
 * The convergence property of a collection under `faults`: each run on a fresh mailbox, two devices
 * interleaved by the collection's steps; every answer any device got is checked against the device
 * rule table afterwards (answerProblems).
 */
export function convergenceProperty<Args extends unknown[]>(collection: ConvergenceCollection<Args>, chaos: ChaosStack, faults: FaultSwitch) {
  // Every seed is part of the input, so a run replays from fast-check's seed and path alone.
  const arbitraries = [fc.nat(), fc.nat(), ...collection.arbitraries] as unknown as [fc.Arbitrary<number>, fc.Arbitrary<number>, ...fc.Arbitrary<unknown>[]];
  return fc.asyncProperty(...arbitraries, async (mailboxSeed: number, faultSeed: number, ...args: unknown[]) => {
    chaos.stack.sim.state.replaceMailbox({ user: chaosUser, ...freshMailbox, seed: mailboxSeed });
    const answers: AnswerRecord[] = [];
    const context: RunContext = {
      stack: chaos.stack,
      upn: chaosUser,
      faults,
      faultSeed,
      device: (seed) => chaos.device(chaosUser, seed, answers),
      graph: (method, path, body, upn = chaosUser) => chaos.stack.graph(method, path, upn, body),
    };
    await faults.on(faultSeed);
    try {
      await collection.run(context, args as Args);
    } finally {
      await faults.off();
      await chaos.stack.sim.state.deliveriesSettled();
    }
    expect(answerProblems(answers)).toEqual([]);
  });
}
