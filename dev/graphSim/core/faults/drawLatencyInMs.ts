import type { Random } from '../random';
import type { FaultProfile } from './faultProfile';

/**
 * One answer's latency, in whole ms: uniform in [0, maxInMs]; for `slowShare` of answers uniform in
 * (maxInMs, slowMaxInMs] instead. Never more than slowMaxInMs.
 */
export function drawLatencyInMs({ maxInMs, slowShare, slowMaxInMs }: FaultProfile['latency'], random: Random): number {
  const fast = Math.floor(maxInMs);
  const slow = Math.floor(slowMaxInMs);
  if (slow > fast && random.chance(slowShare)) return random.between(fast + 1, slow);
  return random.int(fast + 1);
}
