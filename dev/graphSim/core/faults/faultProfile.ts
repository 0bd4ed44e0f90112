import { devApps } from '../../../directory';

/**
 * The faults the simulator injects into Ferry's requests: which, how often, how slow. Only requests
 * made with an on-behalf-of token of Ferry (`azp` = `clientId`) are touched; a test's own calls to the
 * simulator (tokens of the dev IdP's password grant carry the device app as `azp`) never are.
 */

/** Faults of a whole HTTP request. The first three are also drawn for `$batch` items. */
export const requestFaultKinds = [
  'status429',
  'status503',
  'status504',
  /** The connection is reset after the request arrived, before it is applied. */
  'resetBeforeApply',
  /** The request is applied, then the connection is reset instead of answering. */
  'resetAfterApply',
  /** A complete 2xx answer whose JSON is cut at a random byte (Content-Length matches the cut body). */
  'cutBody',
  /** The answer's headers and part of its body, then the connection drops. */
  'dropMidBody',
  /** No answer at all for `hangInMs` (past Ferry's timeout), then the connection is closed; nothing applied (UNVERIFIED choice: a request stuck before Graph processed it). */
  'hang',
] as const;
export type RequestFaultKind = (typeof requestFaultKinds)[number];

export const itemFaultKinds = ['status429', 'status503', 'status504'] as const;
export type ItemFaultKind = (typeof itemFaultKinds)[number];

/** Every kind counted in the stats: the request kinds and the 410 of delta calls. */
export type FaultKind = RequestFaultKind | 'syncStateNotFound';

export interface FaultOddities {
  /** A throttled `$batch` item carries Retry-After in its own headers only, never on the envelope. */
  retryAfterOnlyInBatchItems: boolean;
  /**
   * Some delta pages (1 in 10) hold one item twice. Graph's delta docs allow an item to come back more
   * than once in a round; UNVERIFIED: that it can within one page (the harder case, so it is simulated).
   */
  duplicateItems: boolean;
  /** Updated items in a message delta sometimes carry only their changed properties (the `partialUpdates` flag). */
  partialItems: boolean;
  /** calendarView delta reports `@removed` for events outside the window that changed (the simulator's `removedOutsideWindow` flag). */
  removedOutsideWindow: boolean;
}

export interface FaultProfile {
  /** Off: no fault, no latency, no oddity beyond the simulator's flags; stats still count Ferry's requests. */
  enabled: boolean;
  /** Seeds the PRNG that draws every fault, latency and oddity. */
  seed: number;
  /** Share of Ferry's requests, and of its `$batch` items, that get a fault. */
  rate: number;
  /** Relative weights of the fault kinds (they need not add up to 1). Items draw among the status kinds only. */
  mix: Record<RequestFaultKind, number>;
  /** Latency of every answer to Ferry: uniform in [0, maxInMs], and for `slowShare` of them uniform in (maxInMs, slowMaxInMs]. */
  latency: { maxInMs: number; slowShare: number; slowMaxInMs: number };
  /** Share of delta calls that carry a token and get 410 `SyncStateNotFound` (never `$search` paging). */
  syncStateNotFoundRate: number;
  oddities: FaultOddities;
  /**
   * Factor applied to Graph-like Retry-After values (1, 2.128, 5, 10 s): 0.005 turns them into 5–50 ms.
   * Ferry runs with its settings scaled alike (see docs/testing.md); it never knows the factor.
   */
  timeScale: number;
  /** How long a `hang` holds the connection, in ms (longer than Ferry's request timeout). */
  hangInMs: number;
  /** `azp` of the tokens whose requests get faults: Ferry's application id. */
  clientId: string;
}

/** The chaos profile of docs/testing.md: every knob at its default. */
export const chaosProfile: FaultProfile = {
  enabled: true,
  seed: 1,
  rate: 0.25,
  mix: { status429: 0.35, status503: 0.15, status504: 0.1, resetBeforeApply: 0.1, resetAfterApply: 0.1, cutBody: 0.1, dropMidBody: 0.05, hang: 0.05 },
  latency: { maxInMs: 10, slowShare: 0.02, slowMaxInMs: 200 },
  syncStateNotFoundRate: 0.05,
  oddities: { retryAfterOnlyInBatchItems: true, duplicateItems: true, partialItems: true, removedOutsideWindow: true },
  timeScale: 0.005,
  hangInMs: 600,
  clientId: devApps.ferryClientId,
};

export const faultsOff: FaultProfile = { ...chaosProfile, enabled: false };

/** A partial profile, as `FERRY_SIM_FAULTS` or `PUT /_sim/faults` gives it: `"chaos"`, `"off"`, or fields over the chaos profile. */
export type FaultProfileInput = 'chaos' | 'off' | (Partial<Omit<FaultProfile, 'mix' | 'latency' | 'oddities'>> & {
  mix?: Partial<FaultProfile['mix']>;
  latency?: Partial<FaultProfile['latency']>;
  oddities?: Partial<FaultOddities>;
});

const share = (value: number, name: string) => {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) throw new RangeError(`${name} must be a number from 0 to 1`);
};
const nonNegative = (value: number, name: string) => {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a number >= 0`);
};

/** Merges an input over the chaos profile and checks every knob (a RangeError names the bad one). */
export function toFaultProfile(input: FaultProfileInput | undefined): FaultProfile {
  if (input === undefined || input === 'off') return faultsOff;
  if (input === 'chaos') return chaosProfile;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RangeError('a fault profile is "chaos", "off" or an object');
  const known = new Set(Object.keys(chaosProfile));
  for (const key of Object.keys(input)) if (!known.has(key)) throw new RangeError(`unknown fault profile field "${key}"`);
  const profile: FaultProfile = {
    ...chaosProfile,
    ...input,
    mix: { ...chaosProfile.mix, ...input.mix },
    latency: { ...chaosProfile.latency, ...input.latency },
    oddities: { ...chaosProfile.oddities, ...input.oddities },
  };
  if (typeof profile.enabled !== 'boolean') throw new RangeError('enabled must be true or false');
  if (!Number.isInteger(profile.seed)) throw new RangeError('seed must be an integer');
  share(profile.rate, 'rate');
  share(profile.syncStateNotFoundRate, 'syncStateNotFoundRate');
  share(profile.latency.slowShare, 'latency.slowShare');
  nonNegative(profile.latency.maxInMs, 'latency.maxInMs');
  if (!(profile.latency.slowMaxInMs >= profile.latency.maxInMs)) throw new RangeError('latency.slowMaxInMs must be >= latency.maxInMs');
  nonNegative(profile.timeScale, 'timeScale');
  nonNegative(profile.hangInMs, 'hangInMs');
  for (const kind of Object.keys(profile.mix)) {
    if (!(requestFaultKinds as readonly string[]).includes(kind)) throw new RangeError(`unknown fault kind "${kind}"`);
    nonNegative(profile.mix[kind as RequestFaultKind], `mix.${kind}`);
  }
  for (const [name, value] of Object.entries(profile.oddities)) if (typeof value !== 'boolean') throw new RangeError(`oddities.${name} must be true or false`);
  if (typeof profile.clientId !== 'string' || profile.clientId === '') throw new RangeError('clientId must be a non-empty string');
  return profile;
}

/** `FERRY_SIM_FAULTS`: `chaos`, `off` (or empty), or a JSON profile over the chaos defaults. */
export function parseFaultProfile(text: string | undefined): FaultProfile {
  const trimmed = text?.trim();
  if (!trimmed || trimmed === 'off') return faultsOff;
  if (trimmed === 'chaos') return chaosProfile;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new RangeError('FERRY_SIM_FAULTS must be "chaos", "off" or a JSON fault profile');
  }
  return toFaultProfile(parsed as FaultProfileInput);
}
