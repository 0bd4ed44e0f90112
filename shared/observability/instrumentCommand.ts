import type { HttpHandler, HttpResponseInit, InvocationContext } from '@azure/functions';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context } from '@opentelemetry/api';
import { sanitizeTelemetryAttributes } from './sanitizeTelemetryAttributes';
import { startTelemetry } from './startTelemetry';
import { telemetryInstruments } from './telemetryInstruments';

let commandsSeen = 0;

/**
 * Wraps a device command's HttpHandler with telemetry: starts telemetry on the first command (see
 * startTelemetry), runs the handler inside a `ferry <route>` span whose parent is the host's request
 * (the invocation's W3C trace context), and records the command's duration, status, error code and
 * whether it is the process's first command (cold start); recordCommandResult adds the state size.
 * The span and metrics carry only the route, numbers and codes. With telemetry off the OpenTelemetry
 * API is a no-op and this adds a counter increment.
 */
export function instrumentCommand(route: string, handler: HttpHandler): HttpHandler {
  return async (request, invocation) => {
    startTelemetry();
    const coldStart = commandsSeen++ === 0;
    const processAgeInMs = Math.round(process.uptime() * 1000);
    const startedAt = performance.now();
    const tracer = trace.getTracer('ferry');
    return tracer.startActiveSpan(`ferry ${route}`, { kind: SpanKind.INTERNAL, attributes: { 'ferry.command': route, 'ferry.cold_start': coldStart } }, parentOf(invocation), async (span) => {
      let response: HttpResponseInit | undefined;
      try {
        response = (await handler(request, invocation)) as HttpResponseInit;
        return response;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        const outcome = describe(response);
        const durationInMs = performance.now() - startedAt;
        const attributes = sanitizeTelemetryAttributes({ 'ferry.command': route, 'http.response.status_code': outcome.status, 'ferry.error_code': outcome.errorCode, 'ferry.cold_start': coldStart }) as Attributes;
        span.setAttributes(attributes);
        if (outcome.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        const instruments = telemetryInstruments();
        instruments.commandDuration.record(durationInMs, attributes);
        if (coldStart) {
          instruments.coldStarts.add(1, { 'ferry.command': route });
          instruments.coldStartAge.record(processAgeInMs, { 'ferry.command': route });
          span.setAttribute('ferry.cold_start.process_age_ms', processAgeInMs);
        }
        span.end();
      }
    });
  };
}

/** The host's trace context for this invocation, so the command span joins the host's request. */
function parentOf(invocation: InvocationContext): Context {
  const traceContext = invocation.traceContext;
  if (!traceContext?.traceParent) return context.active();
  const carrier: Record<string, string> = { traceparent: traceContext.traceParent };
  if (traceContext.traceState) carrier.tracestate = traceContext.traceState;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

interface Outcome {
  status: number;
  errorCode?: string;
}

/**
 * Status and problem code of the answer defineCommand built (a problem's `jsonBody.code`). Only these
 * fields are read; the answer's content never reaches telemetry. A thrown handler counts as 500.
 */
function describe(response: HttpResponseInit | undefined): Outcome {
  if (!response) return { status: 500 };
  const status = response.status ?? 200;
  const body = response.jsonBody as { code?: unknown } | undefined;
  return { status, errorCode: status >= 400 && typeof body?.code === 'string' ? body.code : undefined };
}
