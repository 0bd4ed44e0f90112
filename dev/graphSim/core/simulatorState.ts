import { findUser } from '../../directory';
import type { FailureInjector, InjectedFailure } from './mailboxGate';
import type { LatencySchedule } from './latencySchedule';
import type { GraphSimFlags, SimServices } from './simContext';
import type { GraphSimStats } from './simStats';
import type { UserSpec } from './simResource';

/** The core's test handle: counts, token expiry, flags, injected failures and delays, fresh data. Resources add to it. */
export interface CoreSimState<Spec extends UserSpec = UserSpec> {
  readonly stats: GraphSimStats;
  resetStats(): void;
  /** Makes every delta token of `oid` (or everyone's) gone: the next use answers 410. Returns how many. */
  expireDeltaTokens(oid?: string): number;
  readonly flags: Readonly<GraphSimFlags>;
  setFlags(flags: Partial<GraphSimFlags>): void;
  /** The next `count` matching requests fail with `status` (429/503/504) and `retryAfter`. */
  throttleNext(failure: InjectedFailure): void;
  /**
   * One fault at one step: the next request of `operation` (of `oid`, default anyone's) fails before it
   * runs (`refused`: 503, nothing done) or runs and loses its answer (`answerLost`: 504 after the change
   * was made, an outcome the client cannot know). For exactly-once tests: a fault after each step.
   */
  failNext(fault: StepFault): void;
  /**
   * Replaces the latency schedules (none: `undefined` or `[]`); counts start again at 0. See
   * `latencyScheduleInMs` in createGraphSimulator and dev/graphSim/README.md.
   */
  setLatencySchedule(schedule: LatencySchedule | readonly LatencySchedule[] | undefined): void;
  /** Resolves when every sendMail accepted so far has been delivered. */
  deliveriesSettled(): Promise<void>;
  /**
   * Gives a user freshly generated data (new ids) in every resource, e.g. one small mailbox per
   * property-test run. A fresh mailbox starts with fresh Outlook request and upload windows.
   */
  replaceMailbox(spec: Spec): void;
}

export interface StepFault {
  operation: string;
  kind: 'refused' | 'answerLost';
  oid?: string;
}

/** How the state reaches what it does not own: the resources' stores and the deliveries in flight. */
export interface CoreStateOptions<Spec extends UserSpec> {
  injector: FailureInjector;
  settled(): Promise<void>;
  /** Regenerates one user's data in every resource; returns the oids that got new data. */
  recreate(spec: Spec): string[];
}

export function createSimulatorState<Spec extends UserSpec>(sim: SimServices, { injector, settled, recreate }: CoreStateOptions<Spec>): CoreSimState<Spec> {
  return {
    get stats() {
      return sim.stats.snapshot();
    },
    resetStats: () => sim.stats.reset(),
    expireDeltaTokens: (oid) => sim.tokens.expire(oid === undefined ? undefined : findUser(oid)?.oid ?? oid),
    get flags() {
      return { ...sim.flags };
    },
    setFlags: (flags) => Object.assign(sim.flags, flags),
    replaceMailbox: (spec) => {
      for (const oid of recreate(spec)) {
        sim.tokens.expire(oid);
        sim.limits.reset(oid);
      }
    },
    throttleNext: (failure) => injector.add({ ...failure, oid: failure.oid === undefined ? undefined : findUser(failure.oid)?.oid ?? failure.oid }),
    failNext: ({ operation, kind, oid }) =>
      injector.add({ operation, status: kind === 'refused' ? 503 : 504, afterApply: kind === 'answerLost', oid: oid === undefined ? undefined : findUser(oid)?.oid ?? oid }),
    setLatencySchedule: (schedule) => sim.latency.replace(schedule),
    deliveriesSettled: settled,
  };
}
