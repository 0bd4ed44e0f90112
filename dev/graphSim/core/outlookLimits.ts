import type { GraphError } from './graphError';
import { applicationThrottled } from './mailboxGate';
import type { SimRequest } from './simContext';

/** At most `count` requests per `windowInMs`. */
export interface RequestLimit {
  count: number;
  windowInMs: number;
}

/** At most `bytes` of request bodies of uploads (PATCH, POST, PUT) per `windowInMs`. */
export interface UploadLimit {
  bytes: number;
  windowInMs: number;
}

/**
 * Outlook's limits per app and mailbox (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits):
 * "10,000 API requests in a 10 minute period" and "150 megabytes (MB) upload (PATCH, POST, PUT) in a 5
 * minute period". UNVERIFIED: whether a megabyte is 10^6 or 2^20 bytes (2^20 here).
 */
export const outlookRequestLimit: RequestLimit = { count: 10_000, windowInMs: 10 * 60_000 };
export const outlookUploadLimit: UploadLimit = { bytes: 150 * 1024 * 1024, windowInMs: 5 * 60_000 };

interface Window {
  startInMs: number;
  used: number;
}

/** Who a window belongs to: the app (the token's `azp`) and the mailbox (oid). */
export interface LimitKey {
  azp?: string;
  oid: string;
}

/**
 * The bytes a request uploads: its JSON body for PATCH, POST and PUT, nothing otherwise. The body is
 * measured as the simulator re-serialises it (a `$batch` item's body included), close to what the
 * client sent.
 */
export function uploadBytesOf(request: Pick<SimRequest, 'method' | 'body'>): number {
  if (!['PATCH', 'POST', 'PUT'].includes(request.method.toUpperCase()) || request.body === undefined) return 0;
  if (Buffer.isBuffer(request.body)) return request.body.length;
  return Buffer.byteLength(JSON.stringify(request.body), 'utf8');
}

/**
 * Outlook's request and upload windows, one pair per app and mailbox, on the simulator's clock. Every
 * operation counts, a `$batch` item as one ("Requests in a batch are evaluated individually against the
 * applicable throttling limits", https://learn.microsoft.com/graph/json-batching#batch-size-limitations);
 * the `$batch` envelope itself is not an Outlook request and does not. Past a limit the operation gets
 * 429 `ApplicationThrottled` with Retry-After, in whole seconds, to the end of the window.
 * UNVERIFIED: fixed windows that open with the first request (Outlook's may slide); a throttled request
 * does not count; the messages "Application is over its MailboxRequests limit." (invented) and "...
 * IncomingBytes limit." (seen in https://github.com/O365/python-o365/issues/500); the upload limit
 * applies to uploads only, and per app like the other (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/pull/9394
 * reports it per mailbox across apps).
 */
export class OutlookLimits {
  private readonly requests = new Map<string, Window>();
  private readonly uploads = new Map<string, Window>();

  constructor(
    private readonly limits: () => { requestLimit: RequestLimit; uploadLimit: UploadLimit },
    private readonly now: () => number,
  ) {}

  /** Counts one operation of `key` uploading `uploadBytes`, or answers the 429 it gets instead. */
  admit(key: LimitKey, uploadBytes: number): GraphError | undefined {
    const { requestLimit, uploadLimit } = this.limits();
    const id = `${key.azp ?? ''}\u0000${key.oid}`;
    const nowInMs = this.now();
    const requests = this.current(this.requests, id, requestLimit.windowInMs, nowInMs);
    if (requests.used + 1 > requestLimit.count) return this.refuse('MailboxRequests', requests, requestLimit.windowInMs, nowInMs);
    const uploads = this.current(this.uploads, id, uploadLimit.windowInMs, nowInMs);
    if (uploadBytes > 0 && uploads.used + uploadBytes > uploadLimit.bytes) return this.refuse('IncomingBytes', uploads, uploadLimit.windowInMs, nowInMs);
    requests.used += 1;
    uploads.used += uploadBytes;
    return undefined;
  }

  /** Forgets the windows of one mailbox (a replaced mailbox starts afresh), or of every mailbox. */
  reset(oid?: string): void {
    for (const windows of [this.requests, this.uploads]) {
      for (const id of [...windows.keys()]) if (oid === undefined || id.endsWith(`\u0000${oid}`)) windows.delete(id);
    }
  }

  private current(windows: Map<string, Window>, id: string, windowInMs: number, nowInMs: number): Window {
    const existing = windows.get(id);
    if (existing && nowInMs < existing.startInMs + windowInMs) return existing;
    const fresh = { startInMs: nowInMs, used: 0 };
    windows.set(id, fresh);
    return fresh;
  }

  private refuse(limit: string, window: Window, windowInMs: number, nowInMs: number): GraphError {
    const seconds = Math.max(1, Math.ceil((window.startInMs + windowInMs - nowInMs) / 1000));
    return applicationThrottled(limit, String(seconds));
  }
}
