import type { DevUser } from '../../../directory';
import { errorResponse, type RequestIds } from '../errorResponse';
import { tooManyRequests, type FailureInjector, type MailboxGate } from '../mailboxGate';
import { parsePrefer } from '../odataQuery';
import { resolveRoute, splitPath } from '../routeTable';
import { requestRecorder } from '../requestRecorder';
import type { SimRequest, SimResponse, SimServices } from '../simContext';

export { errorResponse, type RequestIds };
import type { FaultLayer } from '../faults/createFaultLayer';

/** Who is calling, from the verified token, and the origin links are built on. */
export interface Caller {
  oid: string;
  /** The token's `azp`: the client it was issued to (Ferry's on-behalf-of tokens carry Ferry's id). */
  azp?: string;
  user?: DevUser;
  baseUrl: string;
}

export interface Pipeline {
  sim: SimServices;
  gate: MailboxGate;
  injector: FailureInjector;
  /** Faults for Ferry's requests (dev/graphSim/faults/); absent: none. */
  faults?: FaultLayer;
}



/**
 * One Graph operation for an authenticated caller, from HTTP or from a `$batch` item: route, count,
 * injected failure, mailbox concurrency slot (held through the simulated latency), handler.
 */
export async function runOperation(pipe: Pipeline, caller: Caller, request: SimRequest, target: 'request' | 'batchItem', ids: RequestIds): Promise<SimResponse> {
  const { sim } = pipe;
  requestRecorder.record(caller, request, target);
  const now = () => sim.clock.now();
  let resolved;
  try {
    resolved = resolveRoute(request.method, splitPath(request.path), { oid: caller.oid, upn: caller.user?.upn });
  } catch (error) {
    return errorResponse(error, ids, now());
  }
  sim.stats.operation(caller.oid, resolved.route.operation);
  const injected = pipe.injector.take(caller.oid, target) ?? (target === 'batchItem' ? pipe.faults?.itemFault(caller.azp) : undefined);
  if (injected) {
    sim.stats.throttled();
    return errorResponse(injected, ids, now());
  }
  if (!pipe.gate.tryAcquire(caller.oid)) {
    sim.stats.throttled();
    return errorResponse(tooManyRequests(String(sim.settings.throttleRetryAfterInSeconds)), ids, now());
  }
  try {
    if (sim.settings.latencyInMs > 0) await sim.clock.sleep(sim.settings.latencyInMs);
    return resolved.route.run({
      sim,
      request,
      oid: caller.oid,
      user: caller.user,
      baseUrl: caller.baseUrl,
      userSegment: resolved.userSegment,
      prefer: parsePrefer(request.headers.prefer),
    });
  } catch (error) {
    return errorResponse(error, ids, now());
  } finally {
    pipe.gate.release(caller.oid);
  }
}
