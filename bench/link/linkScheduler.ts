/**
 * One direction of a modelled network link: every chunk is delayed by `oneWayDelayInMs` (RTT/2), then
 * released in order through a token bucket of `burstInBytes` that refills at `bytesPerMs`. Pure: the
 * caller brings the clock (arrival times) and keeps the state.
 */
export interface LinkParams {
  oneWayDelayInMs: number;
  /** Refill rate; `Infinity` is no rate limit (only the delay applies). */
  bytesPerMs: number;
  burstInBytes: number;
}

export interface BucketState {
  /** Tokens (bytes) in the bucket at `atInMs`. */
  tokens: number;
  atInMs: number;
  /** When the previous chunk left: chunks leave in arrival order. */
  lastReleaseInMs: number;
}

/** A full bucket, as a link that has been idle. */
export function idleBucket(params: LinkParams): BucketState {
  return { tokens: params.burstInBytes, atInMs: Number.NEGATIVE_INFINITY, lastReleaseInMs: Number.NEGATIVE_INFINITY };
}

/** Link parameters from the bench's units: RTT in ms, rate in Mbit/s (0 or Infinity: unlimited). */
export function linkParams(rttInMs: number, rateInMbitPerSecond: number, burstInBytes = 16 * 1024): LinkParams {
  const bytesPerMs = rateInMbitPerSecond > 0 && Number.isFinite(rateInMbitPerSecond) ? (rateInMbitPerSecond * 1_000_000) / 8 / 1000 : Number.POSITIVE_INFINITY;
  return { oneWayDelayInMs: rttInMs / 2, bytesPerMs, burstInBytes };
}

/**
 * When a chunk of `bytes` arriving at `arrivalInMs` leaves: not before its delay has passed, not
 * before the chunk ahead of it, and not before the bucket holds `bytes` tokens (it refills from the
 * last departure, capped at the burst). A chunk larger than the burst waits for the tokens it lacks.
 */
export function planRelease(state: BucketState, params: LinkParams, arrivalInMs: number, bytes: number): { releaseAtInMs: number; state: BucketState } {
  const start = Math.max(arrivalInMs + params.oneWayDelayInMs, state.lastReleaseInMs);
  if (!Number.isFinite(params.bytesPerMs)) return { releaseAtInMs: start, state: { tokens: params.burstInBytes, atInMs: start, lastReleaseInMs: start } };
  const elapsed = start - state.atInMs;
  const tokens = Math.min(params.burstInBytes, state.tokens + (elapsed === Number.POSITIVE_INFINITY ? params.burstInBytes : elapsed * params.bytesPerMs));
  if (tokens >= bytes) return { releaseAtInMs: start, state: { tokens: tokens - bytes, atInMs: start, lastReleaseInMs: start } };
  const releaseAtInMs = start + (bytes - tokens) / params.bytesPerMs;
  return { releaseAtInMs, state: { tokens: 0, atInMs: releaseAtInMs, lastReleaseInMs: releaseAtInMs } };
}
