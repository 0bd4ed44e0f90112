/**
 * A counting semaphore for Graph requests in flight, first come first served (a `$batch` waiting for 4
 * permits is not overtaken by single requests). Outlook allows 4 concurrent requests per app and
 * mailbox: https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits
 */
export interface PermitPool {
  /** Resolves with a release function once `count` permits (capped at the pool size) are held. */
  acquire(count: number, signal?: AbortSignal): Promise<() => void>;
  readonly inUse: number;
}

interface Waiter {
  count: number;
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
    acquire(count, signal) {
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
          grant(release) {
            signal?.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    get inUse() {
      return inUse;
    },
  };
}
