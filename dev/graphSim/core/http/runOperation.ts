import type { DevUser } from '../../../directory';
import { serveDelta } from '../delta/serveDelta';
import { errorResponse, type RequestIds } from '../errorResponse';
import { GraphError } from '../graphError';
import { mailboxConcurrencyExceeded, type FailureInjector, type MailboxGate } from '../mailboxGate';
import { uploadBytesOf } from '../outlookLimits';
import { parsePrefer } from '../odataQuery';
import { requestRecorder } from '../requestRecorder';
import { resolveRoute, splitPath, type RouteTable } from '../routeTable';
import type { HandlerContext, SimRequest, SimResponse, SimServices } from '../simContext';
import type { FaultLayer } from '../faults/createFaultLayer';

export { errorResponse, type RequestIds };

/** Who is calling, from the verified token, and the origin links are built on. */
export interface Caller {
  oid: string;
  /** The token's `azp`: the client it was issued to (Ferry's on-behalf-of tokens carry Ferry's id). */
  azp?: string;
  /** The token's delegated scopes (`scp`), when it has that claim. */
  scopes?: string[];
  user?: DevUser;
  baseUrl: string;
}

export interface Pipeline {
  sim: SimServices;
  /** Every registered resource's routes. */
  routes: RouteTable;
  gate: MailboxGate;
  injector: FailureInjector;
  /** Faults for Ferry's requests (dev/graphSim/core/faults/); absent: none. */
  faults?: FaultLayer;
}

/**
 * Answered to nobody: the client went away (or the simulator closed) while the request waited, so it
 * never ran. Exists so the wait's end has an answer like every other path.
 */
export function abandoned(): GraphError {
  return new GraphError(503, 'ServiceUnavailable', 'The request was abandoned before it ran.');
}

/** Waits `delayInMs` on the simulator's clock; false when `signal` ended the wait first. */
export async function waitFor(sim: SimServices, delayInMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (delayInMs <= 0) return true;
  return sim.clock.sleep(delayInMs, signal).then(
    () => true,
    () => false,
  );
}

/**
 * One Graph operation for an authenticated caller, from HTTP or from a `$batch` item: route, count,
 * injected failure, Outlook's request and upload windows, mailbox concurrency slot (held through the simulated latency and any latency
 * schedule), handler. `signal` ends when the client disconnects or the simulator closes: a request
 * waiting then gives its slot back and never runs.
 */
export async function runOperation(
  pipe: Pipeline,
  caller: Caller,
  request: SimRequest,
  target: 'request' | 'batchItem',
  ids: RequestIds,
  signal?: AbortSignal,
): Promise<SimResponse> {
  const { sim } = pipe;
  requestRecorder.record(caller, request, target);
  const now = () => sim.clock.now();
  let resolved;
  try {
    resolved = resolveRoute(pipe.routes, request.method, splitPath(request.path), { oid: caller.oid, upn: caller.user?.upn });
  } catch (error) {
    return errorResponse(error, ids, now());
  }
  const { definition, match, userSegment } = resolved;
  sim.stats.operation(caller.oid, definition.operation);
  const injected = pipe.injector.take(caller.oid, target, definition.operation) ?? (target === 'batchItem' ? pipe.faults?.itemFault(caller.azp) : undefined);
  if (injected) {
    sim.stats.throttled();
    return errorResponse(injected, ids, now());
  }
  const overLimit = sim.limits.admit(caller, uploadBytesOf(request));
  if (overLimit) {
    sim.stats.throttled();
    return errorResponse(overLimit, ids, now());
  }
  if (!pipe.gate.tryAcquire(caller.oid)) {
    sim.stats.throttled();
    return errorResponse(mailboxConcurrencyExceeded(String(sim.settings.throttleRetryAfterInSeconds)), ids, now());
  }
  try {
    const delayInMs = sim.settings.latencyInMs + sim.latency.take(caller.oid, definition.operation);
    if (!(await waitFor(sim, delayInMs, signal))) return errorResponse(abandoned(), ids, now());
    const ctx: HandlerContext = { sim, request, oid: caller.oid, ...(caller.azp ? { azp: caller.azp } : {}), user: caller.user, baseUrl: caller.baseUrl, userSegment, prefer: parsePrefer(request.headers.prefer), ...(caller.scopes ? { scopes: caller.scopes } : {}) };
    const answer = 'delta' in definition ? serveDelta(ctx, definition.delta(ctx, match)) : definition.handler(ctx, match);
    const afterApply = pipe.injector.takeAfterApply(caller.oid, target, definition.operation);
    if (afterApply) {
      sim.stats.throttled();
      return errorResponse(afterApply, ids, now());
    }
    return answer;
  } catch (error) {
    return errorResponse(error, ids, now());
  } finally {
    pipe.gate.release(caller.oid);
  }
}
