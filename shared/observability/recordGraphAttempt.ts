import { trace, type Attributes, type Span } from '@opentelemetry/api';
import { sanitizeTelemetryAttributes } from './sanitizeTelemetryAttributes';
import { telemetryInstruments } from './telemetryInstruments';

export interface GraphAttempt {
  /** Operation name from the operation table (`messages.delta`), never the URL. */
  operation: string;
  /** Graph's HTTP status, when it answered. */
  status?: number;
  /** Transport error code (`ECONNRESET`, `ETIMEDOUT`) when it did not. */
  errorType?: string;
  durationInMs: number;
  /** Set on a retry: time since the previous attempt of the same request ended. */
  retryWaitInMs?: number;
  retryReason?: 'throttled' | 'transient';
}

/** Graph answers that mean "throttled" (https://learn.microsoft.com/graph/throttling). */
const throttlingStatuses = new Set([429, 503, 504]);

interface CommandTotals {
  calls: number;
  throttled: number;
  retryWaitInMs: number;
}

const totalsBySpan = new WeakMap<Span, CommandTotals>();

/**
 * Records one Graph attempt: request count and duration by operation and status, throttling answers,
 * the wait before a retry; and keeps running totals on the active command span
 * (`ferry.graph.calls`, `ferry.graph.throttled`, `ferry.graph.retry_wait_ms`).
 */
export function recordGraphAttempt(attempt: GraphAttempt): void {
  const instruments = telemetryInstruments();
  const attributes = sanitizeTelemetryAttributes({
    'ferry.graph.operation': attempt.operation,
    'http.response.status_code': attempt.status,
    'error.type': attempt.errorType,
  }) as Attributes;
  instruments.graphRequests.add(1, attributes);
  instruments.graphDuration.record(attempt.durationInMs, attributes);
  const throttled = attempt.status !== undefined && throttlingStatuses.has(attempt.status);
  if (throttled) instruments.graphThrottled.add(1, attributes);
  if (attempt.retryWaitInMs !== undefined) {
    instruments.graphRetryWait.record(attempt.retryWaitInMs, sanitizeTelemetryAttributes({ 'ferry.graph.operation': attempt.operation, 'ferry.graph.retry_reason': attempt.retryReason }) as Attributes);
  }
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  const totals = totalsBySpan.get(span) ?? { calls: 0, throttled: 0, retryWaitInMs: 0 };
  totals.calls += 1;
  totals.throttled += throttled ? 1 : 0;
  totals.retryWaitInMs += attempt.retryWaitInMs ?? 0;
  totalsBySpan.set(span, totals);
  span.setAttributes({ 'ferry.graph.calls': totals.calls, 'ferry.graph.throttled': totals.throttled, 'ferry.graph.retry_wait_ms': Math.round(totals.retryWaitInMs) });
}
