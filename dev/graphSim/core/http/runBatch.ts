import { GraphError } from '../graphError';
import { SimByteStream } from '../simResponses';
import { errorResponse, runOperation, type Caller, type Pipeline, type RequestIds } from './runOperation';
import type { SimRequest, SimResponse } from '../simContext';
import { json } from '../simResponses';
import { toSimRequest } from './toSimRequest';

/**
 * POST /v1.0/$batch (https://learn.microsoft.com/graph/json-batching): at most 20 requests, unique ids
 * (case-insensitive), a Content-Type with every body, `dependsOn` sequencing (a failed dependency is
 * 424). Graph hands Outlook up to four items at once; each item takes a mailbox slot like any request,
 * so items beyond the mailbox's concurrency get their own 429 with Retry-After in the item's headers.
 * Answers come back in a shuffled (seeded) order: clients must match them by id.
 * An item runs with its own headers only: the docs give each item its own `headers` (the sample's
 * `ConsistencyLevel`, test/fixtures/graph-samples/batch-request.json). UNVERIFIED: whether Graph
 * applies the envelope's headers, `Prefer: IdType="ImmutableId"` among them, to the items; assumed
 * not, so an item without its own Prefer gets REST ids.
 */
export const maxBatchRequests = 20;
const dispatchConcurrency = 4;

interface BatchItem {
  id: string;
  dependsOn: string[];
  request: SimRequest;
}

function badBatch(message: string): GraphError {
  return new GraphError(400, 'BadRequest', message);
}

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw badBatch('Invalid batch payload format.');
  // UNVERIFIED: Graph's wording for these whole-batch 400s.
  if (requests.length > maxBatchRequests) throw badBatch(`Unable to process the batch request: the number of requests exceeds the limit of ${maxBatchRequests}.`);
  const seen = new Set<string>();
  const items = requests.map((raw): BatchItem => {
    const r = raw as Record<string, unknown>;
    if (typeof r?.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') throw badBatch('Invalid batch payload format.');
    if (seen.has(r.id.toLowerCase())) throw badBatch(`Batch request contains a duplicate id '${r.id}'.`);
    seen.add(r.id.toLowerCase());
    const headers = Object.fromEntries(Object.entries((r.headers as Record<string, unknown>) ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    if (r.body !== undefined && headers['content-type'] === undefined) throw badBatch(`Write request id : ${r.id} does not contain Content-Type header or body.`);
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    return { id: r.id, dependsOn, request: toSimRequest(r.method.toUpperCase(), r.url, headers, r.body) };
  });
  for (const item of items) {
    for (const dependency of item.dependsOn) if (!seen.has(dependency.toLowerCase())) throw badBatch(`Request id ${item.id} depends on an unknown request id ${dependency}.`);
  }
  checkAcyclic(items);
  return items;
}

function checkAcyclic(items: BatchItem[]): void {
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw badBatch('The batch contains a dependency cycle.');
    state.set(id, 'visiting');
    for (const dependency of byId.get(id)!.dependsOn) visit(dependency.toLowerCase());
    state.set(id, 'done');
  };
  for (const id of byId.keys()) visit(id);
}

export async function runBatch(pipe: Pipeline, caller: Caller, body: unknown, ids: RequestIds, signal?: AbortSignal): Promise<SimResponse> {
  const items = parseItems(body);
  const done = new Map<string, SimResponse>();
  const running = new Map<string, Promise<void>>();
  const now = () => pipe.sim.clock.now();
  const key = (id: string) => id.toLowerCase();
  while (done.size < items.length) {
    const before = done.size;
    for (const item of items) {
      if (done.has(key(item.id)) || running.has(key(item.id)) || running.size >= dispatchConcurrency) continue;
      const deps = item.dependsOn.map((d) => done.get(key(d)));
      if (deps.some((d) => d === undefined)) continue;
      if (deps.some((d) => d!.status >= 400)) {
        done.set(key(item.id), errorResponse(new GraphError(424, 'FailedDependency', 'The request depends on a request that failed.'), ids, now()));
        continue;
      }
      running.set(
        key(item.id),
        runItem(pipe, caller, item.request, ids, signal).then((response) => {
          done.set(key(item.id), response);
          running.delete(key(item.id));
        }),
      );
    }
    if (running.size > 0) await Promise.race(running.values());
    else if (done.size === before) throw badBatch('The batch contains a dependency cycle.');
  }
  const responses = pipe.sim.random.shuffle(items).map((item) => toItemResponse(item.id, done.get(key(item.id))!));
  return json(200, { responses });
}

async function runItem(pipe: Pipeline, caller: Caller, request: SimRequest, ids: RequestIds, signal: AbortSignal | undefined): Promise<SimResponse> {
  if (request.path.toLowerCase().startsWith('/$batch')) return errorResponse(badBatch('A batch request cannot contain another batch.'), ids, pipe.sim.clock.now());
  return runOperation(pipe, caller, request, 'batchItem', ids, signal);
}

/**
 * One item's answer in the envelope. A body that is not JSON (a file's bytes) goes as a base64 string,
 * as Graph sends non-JSON item bodies (https://learn.microsoft.com/answers/questions/1352007; OData JSON
 * Format 4.01's batch format); an answer without a body as `"body": null`. UNVERIFIED: null rather
 * than no `body` for a 204 (a 404 item with `"body": null` is shown in
 * https://github.com/microsoftgraph/microsoft-graph-docs/issues/1524).
 */
function toItemResponse(id: string, response: SimResponse): Record<string, unknown> {
  const headers = { 'Cache-Control': 'no-cache', ...(response.headers ?? {}) };
  const raw = response.body instanceof SimByteStream ? response.body.whole() : response.body;
  const body = raw === undefined ? null : Buffer.isBuffer(raw) ? raw.toString('base64') : raw;
  return { id, status: response.status, headers, body };
}
