import { GraphError } from '../graphError';
import { mailboxConcurrencyExceeded, tooManyRequests } from '../mailboxGate';
import type { Random } from '../random';
import type { ItemFaultKind } from './faultProfile';

/** Retry-After values Graph has been seen to send, in seconds; the docs' example is fractional (2.128). */
const wholeSeconds = [1, 2, 5, 10];

/** A Graph-like Retry-After in seconds times `timeScale`, as Graph writes it (no trailing zeros). */
function scaled(seconds: number, timeScale: number): string {
  return String(Number((seconds * timeScale).toFixed(6)));
}

/**
 * The status faults, as Graph answers them. 429: Retry-After whole, fractional or missing, a third
 * each; code `TooManyRequests` (the docs' sample) or Outlook's `ApplicationThrottled` (no innerError,
 * as mailboxGate.ts sends it). 503: Retry-After on half of them. 504: none. UNVERIFIED: the codes Graph uses
 * for 503 and 504 (the docs show the statuses only).
 */
export function statusFault(kind: ItemFaultKind, random: Random, timeScale: number): GraphError {
  if (kind === 'status429') {
    const third = random.int(3);
    const retryAfter = third === 0 ? scaled(random.pick(wholeSeconds), timeScale) : third === 1 ? scaled(random.between(1000, 9999) / 1000, timeScale) : undefined;
    const error = random.chance(0.5) ? mailboxConcurrencyExceeded(retryAfter ?? '1') : tooManyRequests(retryAfter ?? '1');
    if (retryAfter === undefined) delete error.headers['Retry-After'];
    return error;
  }
  if (kind === 'status503') {
    const headers: Record<string, string> = random.chance(0.5) ? { 'Retry-After': scaled(random.pick(wholeSeconds), timeScale) } : {};
    return new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.', { headers });
  }
  return new GraphError(504, 'GatewayTimeout', 'The server did not receive a timely response from the upstream server.');
}

/**
 * 410 for a delta call whose token Graph no longer knows, as dev/graphSim/deltaHandlers.ts answers an
 * expired token (Location restarts the round; Ferry ignores it). Outlook spells the code
 * `SyncStateNotFound` here; the simulator's own expiry uses `syncStateNotFound`: clients compare codes
 * without regard to case.
 */
export function syncStateNotFound(restartUrl: string): GraphError {
  return new GraphError(410, 'SyncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.', {
    headers: { Location: restartUrl },
  });
}
