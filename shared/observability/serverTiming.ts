/** What a request waits on besides Ferry's own work: Graph (requests and Retry-After waits), auth (key fetch, vault read, on-behalf-of exchange), compression. */
export type TimedPhase = 'graph' | 'auth' | 'compress';

/**
 * One request's timing recorder, behind the `Server-Timing` header of its answer (docs/device-api.md,
 * "Server-Timing"). Created by the front door at handler start and handed down through the command
 * context, so nothing is shared between requests.
 */
export interface ServerTiming {
  /** `phase` is under way from now until the returned function is called (calling it again does nothing). */
  begin(phase: TimedPhase): () => void;
  /** `work` started and counted as `phase` until it settles, however it ends. */
  time<T>(phase: TimedPhase, work: () => Promise<T>): Promise<T>;
  /** `total;dur=..., graph;dur=...` (plus `auth` and `compress` when they ran), total up to now, one decimal, milliseconds. */
  header(): string;
}

/** Later phases win where intervals overlap, so the parts never add up to more than the total. */
const precedence: readonly TimedPhase[] = ['compress', 'auth', 'graph'];

/**
 * A ServerTiming on `now` (milliseconds on a monotonic clock; default `performance.now`, tests inject
 * one). Each phase is the union of its intervals: four Graph calls of 10 ms in parallel count 10, a
 * call nested in another counts once. Where phases overlap (an on-behalf-of exchange while another
 * Graph request is in flight) the time goes to one of them, compress before auth before graph, so
 * self time = total - graph - auth - compress is never negative. A sweep: at every start and end the
 * time since the last one goes to the phase that was winning.
 */
export function createServerTiming(now: () => number = () => performance.now()): ServerTiming {
  const startedAt = now();
  let settledAt = startedAt;
  const open: Record<TimedPhase, number> = { graph: 0, auth: 0, compress: 0 };
  const spent: Record<TimedPhase, number> = { graph: 0, auth: 0, compress: 0 };
  const ran = new Set<TimedPhase>();

  const settle = (): number => {
    const at = now();
    const winner = precedence.find((phase) => open[phase] > 0);
    if (winner) spent[winner] += at - settledAt;
    settledAt = at;
    return at;
  };

  const begin = (phase: TimedPhase): (() => void) => {
    settle();
    open[phase] += 1;
    ran.add(phase);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      settle();
      open[phase] -= 1;
    };
  };

  return {
    begin,
    async time(phase, work) {
      const end = begin(phase);
      try {
        return await work();
      } finally {
        end();
      }
    },
    header() {
      const total = settle() - startedAt;
      const parts = [`total;dur=${ms(total)}`, `graph;dur=${ms(spent.graph)}`];
      if (ran.has('auth')) parts.push(`auth;dur=${ms(spent.auth)}`);
      if (ran.has('compress')) parts.push(`compress;dur=${ms(spent.compress)}`);
      return parts.join(', ');
    },
  };
}

function ms(value: number): string {
  return Math.max(0, value).toFixed(1);
}

/** The header name, as the front door and health answer send it. */
export const serverTimingHeader = 'server-timing';
