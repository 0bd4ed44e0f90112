/**
 * Request counts for tests: HTTP requests received, and operations run (a `$batch` is one request,
 * one `batch` operation and one operation per item), per user and per operation kind.
 */
export interface GraphSimStats {
  /** HTTP requests received, whatever became of them. */
  requests: number;
  /** Operations routed (batch items included), by every user. */
  operations: number;
  byOperation: Record<string, number>;
  /** Operations per user oid. */
  byUser: Record<string, number>;
  /** Operations per user oid and kind. */
  byUserOperation: Record<string, Record<string, number>>;
  /** Answers 401. */
  unauthorized: number;
  /** Answers 429/503/504 made by throttling or by `throttleNext` (batch items included). */
  throttled: number;
  /** Bytes of streamed answers (a `$value`) handed to the socket so far: how far ahead of its reader the simulator is. */
  streamedBytes: number;
  /** Requests to the upload origin that carried an `Authorization` header (Ferry must send none). */
  uploadAuthorizationHeaders: number;
  /** Bytes of upload-session chunks taken in. */
  uploadedBytes: number;
  /** Requests to the upload origin, whatever became of them. */
  uploadRequests: number;
}

export class SimStats {
  private data: GraphSimStats = SimStats.empty();

  private static empty(): GraphSimStats {
    return { requests: 0, operations: 0, byOperation: {}, byUser: {}, byUserOperation: {}, unauthorized: 0, throttled: 0, streamedBytes: 0, uploadAuthorizationHeaders: 0, uploadedBytes: 0, uploadRequests: 0 };
  }

  request(): void {
    this.data.requests++;
  }

  unauthorized(): void {
    this.data.unauthorized++;
  }

  throttled(): void {
    this.data.throttled++;
  }

  streamed(bytes: number): void {
    this.data.streamedBytes += bytes;
  }

  uploadRequest(): void {
    this.data.uploadRequests++;
  }

  uploadAuthorizationHeader(): void {
    this.data.uploadAuthorizationHeaders++;
  }

  uploaded(bytes: number): void {
    this.data.uploadedBytes += bytes;
  }

  operation(oid: string, operation: string): void {
    const d = this.data;
    d.operations++;
    d.byOperation[operation] = (d.byOperation[operation] ?? 0) + 1;
    d.byUser[oid] = (d.byUser[oid] ?? 0) + 1;
    const mine = (d.byUserOperation[oid] ??= {});
    mine[operation] = (mine[operation] ?? 0) + 1;
  }

  snapshot(): GraphSimStats {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = SimStats.empty();
  }
}
