import { parsePrefer } from './odataQuery';
import type { SimRequest } from './simContext';

/** One operation the simulator was asked for: a plain request or one `$batch` item. */
export interface RecordedSimRequest {
  method: string;
  /** Path below /v1.0, still URL-encoded, as received. */
  path: string;
  /** Query options, names lower-cased, values decoded. */
  query: Array<[string, string]>;
  /** Origin the client called (from its Host header). */
  baseUrl: string;
  target: 'request' | 'batchItem';
  oid: string;
  /** The token's `azp`: Ferry's on-behalf-of tokens carry Ferry's application id, a test's own calls another. */
  azp?: string;
  /**
   * Whether the request's own Prefer header asked for immutable ids (for a `$batch` item, the item's own
   * headers: the envelope's are not inherited). Graph applies it "only to the request it is included with".
   */
  immutableIds: boolean;
}

/** A test that forgets to stop recording must not grow memory without end. */
const maxEntries = 100_000;

let enabled = false;
let entries: RecordedSimRequest[] = [];

/**
 * Records every operation the simulator routes (plain requests and `$batch` items), for tests that
 * check Ferry's Graph calls against its operation table. Off until `start()`; one recorder per process
 * (a test file runs one simulator, or tells them apart by `baseUrl`). Nothing is logged.
 */
export const requestRecorder = {
  start(): void {
    enabled = true;
    entries = [];
  },
  stop(): void {
    enabled = false;
  },
  clear(): void {
    entries = [];
  },
  entries(): readonly RecordedSimRequest[] {
    return entries;
  },
  record(caller: { oid: string; azp?: string; baseUrl: string }, request: SimRequest, target: 'request' | 'batchItem'): void {
    if (!enabled || entries.length >= maxEntries) return;
    entries.push({
      method: request.method,
      path: request.path,
      query: [...request.query],
      baseUrl: caller.baseUrl,
      target,
      oid: caller.oid,
      azp: caller.azp,
      immutableIds: parsePrefer(request.headers.prefer).immutableId,
    });
  },
};
