/**
 * A counting semaphore for Graph requests in flight: waiters go by `rank` (lower first: the first
 * screen before bookkeeping, firstScreenRank.ts), first come first served within a rank, and the head
 * of the queue is never overtaken (a `$batch` waiting for its permits is not passed by single requests).
 * Outlook allows 4 concurrent requests per app and mailbox:
 * https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits
 */
export interface PermitPool {
  /** Resolves with a release function once `count` permits (capped at the pool size) are held. */
  acquire(count: number, signal?: AbortSignal, rank?: number): Promise<() => void>;
  readonly inUse: number;
}

interface Waiter {
  count: number;
  rank: number;
  grant(release: () => void): void;
}

export function createPermitPool(size: number): PermitPool {
  let inUse = 0;
  const waiters: Waiter[] = [];

  const releaser = (count: number) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inUse -= count;
      grantWaiting();
    };
  };

  function grantWaiting() {
    while (waiters[0] && inUse + waiters[0].count <= size) {
      const waiter = waiters.shift() as Waiter;
      inUse += waiter.count;
      waiter.grant(releaser(waiter.count));
    }
  }

  return {
    acquire(count, signal, rank = 0) {
      const wanted = Math.min(Math.max(1, count), size);
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (waiters.length === 0 && inUse + wanted <= size) {
        inUse += wanted;
        return Promise.resolve(releaser(wanted));
      }
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(signal?.reason);
          grantWaiting();
        };
        const waiter: Waiter = {
          count: wanted,
          rank,
          grant(release) {
            signal?.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        // Behind every waiter of the same or a lower rank, ahead of the first of a higher one.
        const before = waiters.findIndex((other) => other.rank > rank);
        if (before === -1) waiters.push(waiter);
        else waiters.splice(before, 0, waiter);
      });
    },
    get inUse() {
      return inUse;
    },
  };
}
