import { GraphError } from './graphError';

/**
 * The 429 of Graph's throttling page, as in throttled-429.json (`TooManyRequests`, "Please retry again
 * later.", innerError with code and status): what `state.throttleNext` and some chaos faults send.
 */
export function tooManyRequests(retryAfter: string): GraphError {
  return new GraphError(429, 'TooManyRequests', 'Please retry again later.', {
    headers: { 'Retry-After': retryAfter },
    innerError: { code: '429', message: 'Please retry after', status: '429' },
  });
}

/**
 * Outlook's own 429 when an app passes one of its limits: code `ApplicationThrottled`, a message naming
 * the limit, no innerError, e.g. `{"error":{"code":"ApplicationThrottled","message":"Application is
 * over its MailboxConcurrency limit."}}` (https://github.com/magodo/terraform-provider-outlook/issues/21).
 */
export function applicationThrottled(limit: string, retryAfter: string | undefined): GraphError {
  return new GraphError(429, 'ApplicationThrottled', `Application is over its ${limit} limit.`, {
    headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
    bare: true,
  });
}

/**
 * Outlook lets four requests run at once per mailbox per app
 * (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits); the fifth is 429 with
 * Retry-After, Outlook's `ApplicationThrottled` for `MailboxConcurrency`.
 */
export function mailboxConcurrencyExceeded(retryAfter: string): GraphError {
  return applicationThrottled('MailboxConcurrency', retryAfter);
}

export class MailboxGate {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: () => number) {}

  /** Takes a slot for `oid`, or answers false when the mailbox is at its limit. */
  tryAcquire(oid: string): boolean {
    const current = this.inFlight.get(oid) ?? 0;
    if (current >= this.limit()) return false;
    this.inFlight.set(oid, current + 1);
    return true;
  }

  release(oid: string): void {
    const current = this.inFlight.get(oid) ?? 0;
    if (current <= 1) this.inFlight.delete(oid);
    else this.inFlight.set(oid, current - 1);
  }

  count(oid: string): number {
    return this.inFlight.get(oid) ?? 0;
  }
}

/** A failure `state.throttleNext` queues for the next requests. */
export interface InjectedFailure {
  status: 429 | 503 | 504;
  /** Retry-After header value, as sent (seconds, possibly fractional like the docs' "2.128"). Omitted: no header. */
  retryAfter?: string;
  /** How many requests fail. Default 1. */
  count?: number;
  /** Only requests of this user (oid). Default: anyone's. */
  oid?: string;
  /** Top-level HTTP requests (a `$batch` as a whole) or items inside batches. Default 'request'. */
  target?: 'request' | 'batchItem';
  /** Only requests of this operation (`messages.create`...). Default: any. */
  operation?: string;
  /**
   * The request runs first and its answer is replaced by the failure: a 504 whose request Graph acted
   * on (an outcome a client cannot know). Default: it fails without running.
   */
  afterApply?: boolean;
}

export class FailureInjector {
  private readonly queue: (InjectedFailure & { remaining: number })[] = [];

  add(failure: InjectedFailure): void {
    this.queue.push({ ...failure, remaining: failure.count ?? 1 });
  }

  /** The error the next matching request gets instead of running, if one is queued. */
  take(oid: string, target: 'request' | 'batchItem', operation?: string): GraphError | undefined {
    return this.takeMatching(oid, target, operation, false);
  }

  /** The error that replaces the answer of the next matching request after it ran, if one is queued. */
  takeAfterApply(oid: string, target: 'request' | 'batchItem', operation: string): GraphError | undefined {
    return this.takeMatching(oid, target, operation, true);
  }

  private takeMatching(oid: string, target: 'request' | 'batchItem', operation: string | undefined, afterApply: boolean): GraphError | undefined {
    const index = this.queue.findIndex(
      (f) => (f.target ?? 'request') === target && (f.oid === undefined || f.oid === oid) && (f.operation === undefined || f.operation === operation) && (f.afterApply ?? false) === afterApply,
    );
    if (index < 0) return undefined;
    const failure = this.queue[index]!;
    if (--failure.remaining <= 0) this.queue.splice(index, 1);
    return injectedError(failure);
  }
}

/** UNVERIFIED: the codes Graph uses for 503 and 504 (the docs show only the status meanings). */
function injectedError(failure: InjectedFailure): GraphError {
  const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'Retry-After': failure.retryAfter };
  if (failure.status === 429) {
    const error = tooManyRequests(failure.retryAfter ?? '1');
    if (failure.retryAfter === undefined) delete error.headers['Retry-After'];
    return error;
  }
  if (failure.status === 503) return new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.', { headers });
  return new GraphError(504, 'GatewayTimeout', 'The server did not receive a timely response from the upstream server.', { headers });
}
