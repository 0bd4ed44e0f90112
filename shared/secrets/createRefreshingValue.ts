import type { Clock } from '../clock';
import type { ServerTiming } from '../observability/serverTiming';

export interface RefreshingValueOptions<T> {
  load(): Promise<T>;
  clock: Clock;
  /** How long a loaded value is used before it is loaded again. */
  refreshIntervalInMs: number;
  /** After a failed refresh the stale value is kept and no new load is tried for this long. */
  retryAfterFailureInMs: number;
  /** Told when a refresh failed and the stale value was served instead (for a log line). */
  onRefreshFailed?(error: unknown): void;
}

export interface RefreshingValue<T> {
  /** The value, loaded on first use and again once due; concurrent callers share one load, which counts as `auth` in each one's `timing`. */
  get(timing?: ServerTiming): Promise<T>;
}

/**
 * A value loaded on demand and refreshed every `refreshIntervalInMs`. When a refresh fails the last
 * good value stays in use (a vault outage must not stop an instance that already has its keys); with
 * no value yet the failure goes to the caller. One load at a time, whatever the number of callers.
 */
export function createRefreshingValue<T>(options: RefreshingValueOptions<T>): RefreshingValue<T> {
  let held: { value: T; refreshAtInMs: number } | undefined;
  let loading: Promise<T> | undefined;

  const load = (): Promise<T> =>
    (loading ??= options
      .load()
      .then(
        (value) => {
          held = { value, refreshAtInMs: options.clock.now() + options.refreshIntervalInMs };
          return value;
        },
        (error: unknown) => {
          if (!held) throw error;
          held.refreshAtInMs = options.clock.now() + options.retryAfterFailureInMs;
          options.onRefreshFailed?.(error);
          return held.value;
        },
      )
      .finally(() => {
        loading = undefined;
      }));

  return {
    async get(timing) {
      if (held && options.clock.now() < held.refreshAtInMs) return held.value;
      return timing ? timing.time('auth', load) : load();
    },
  };
}
