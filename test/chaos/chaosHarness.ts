import type { GraphSimulatorOptions } from '../../dev/graphSim/createGraphSimulator';
import type { FaultProfileInput } from '../../dev/graphSim/core/faults/faultProfile';
import type { FaultStatsSnapshot } from '../../dev/graphSim/core/faults/faultStats';
import { createRandom } from '../../dev/graphSim/core/random';
import { ReferenceDevice, type AnswerRecord } from '../device/referenceDevice';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The chaos suite's stack: Ferry with its settings scaled by the time factor of the simulator's chaos
 * profile (docs/testing.md), the simulator with its loopback admin listener, and the switch a
 * convergence property gets as its `faults` parameter.
 */

/** Every wait in the chaos suite is Graph's or the device's real one times this. */
export const timeScale = 0.005;

/** Ferry's settings for the chaos suite, passed as environment like any deployment's. */
export const scaledFerrySettings = {
  FERRY_GRAPH_WAIT_BUDGET_MS: '1000',
  FERRY_GRAPH_TIMEOUT_MS: '400',
  FERRY_SYNC_BUDGET_MS: '2000',
  // Polled every 10 ms (Retry-After 2 s scaled), a device would pass its 60 requests per command long
  // before 15 min scaled (4.5 s): a mark left by a /send that never ran is stuck (the user forces) sooner.
  FERRY_SEND_STUCK_MS: '400',
  FERRY_SEND_FENCE_MS: '1000',
};

/** What the simulator reports at `GET /_sim/stats`. */
export interface SimStatsAnswer {
  graph: unknown;
  faults: FaultStatsSnapshot;
}

/** The `faults` parameter of a convergence property: a fault profile on (seeded) or off. */
export interface FaultSwitch {
  on(seed: number): Promise<void>;
  off(): Promise<void>;
}

export interface ChaosStack {
  stack: Stack;
  /** The chaos profile of docs/testing.md, seeded per run. */
  chaos: FaultSwitch;
  stats(): Promise<SimStatsAnswer>;
  resetStats(): Promise<void>;
  /** A reference device of `upn`, waits scaled, recording every answer into `answers`. */
  device(upn: string, seed: number, answers: AnswerRecord[]): ReferenceDevice;
  close(): Promise<void>;
}

export async function startChaosStack(sim: Partial<GraphSimulatorOptions> = {}): Promise<ChaosStack> {
  const stack = await startStack({ sim: { ...sim, adminPort: 0, faults: 'off' }, env: scaledFerrySettings });
  const admin = stack.sim.adminUrl!;
  const putFaults = async (profile: FaultProfileInput) => {
    const response = await fetch(`${admin}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
    if (response.status !== 200) throw new Error(`PUT /_sim/faults: ${response.status} ${await response.text()}`);
  };
  const tokens = new Map<string, Promise<string>>();
  const token = (upn: string, fresh: boolean) => {
    if (fresh || !tokens.has(upn)) tokens.set(upn, stack.token(upn));
    return tokens.get(upn)!;
  };
  return {
    stack,
    chaos: { on: (seed) => putFaults({ enabled: true, seed }), off: () => putFaults('off') },
    async stats() {
      const response = await fetch(`${admin}/_sim/stats`);
      return (await response.json()) as SimStatsAnswer;
    },
    async resetStats() {
      await fetch(`${admin}/_sim/stats`, { method: 'DELETE' });
    },
    device(upn, seed, answers) {
      const random = createRandom(seed);
      return new ReferenceDevice({
        hostUrl: stack.hostUrl,
        getToken: (fresh) => token(upn, fresh),
        timeScale,
        random: () => random.next(),
        onAnswer: (record) => answers.push(record),
        callTimeoutInMs: 10_000,
      });
    },
    close: () => stack.close(),
  };
}
