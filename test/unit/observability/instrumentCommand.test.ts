import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { sanitizingSpanProcessor } from '../../../shared/observability/sanitizingSpanProcessor';
import { recordCommandResult } from '../../../shared/observability/recordCommandResult';
import { installTestTelemetry, type TestTelemetry } from './helpers/telemetryDoubles';

const parentTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const invocation = (traceParent?: string) => ({ traceContext: traceParent ? { traceParent, traceState: 'vendor=1' } : undefined }) as unknown as InvocationContext;
const request = {} as HttpRequest;

describe('instrumentCommand', () => {
  let telemetry: TestTelemetry;
  let instrumentCommand: typeof import('../../../shared/observability/instrumentCommand').instrumentCommand;

  beforeEach(() => {
    // A fresh module each time: "first command of the process" is module state.
    jest.isolateModules(() => {
      instrumentCommand = require('../../../shared/observability/instrumentCommand').instrumentCommand;
    });
    telemetry = installTestTelemetry([sanitizingSpanProcessor as never]);
  });
  afterEach(() => telemetry.uninstall());

  it('runs the command in a `ferry <route>` span under the host request, with status, state size and cold start', async () => {
    const handler: HttpHandler = async () => {
      recordCommandResult('mail/sync', { state: 'x'.repeat(321), upserts: [{ subject: 'Salary review' }] });
      return { status: 200, body: Buffer.from('{"state":"…"}') };
    };
    const wrapped = instrumentCommand('mail/sync', handler);
    await wrapped(request, invocation(`00-${parentTraceId}-00f067aa0ba902b7-01`));
    await wrapped(request, invocation());

    const [first, second] = telemetry.spans.getFinishedSpans();
    expect(first!.name).toBe('ferry mail/sync');
    expect(first!.kind).toBe(SpanKind.INTERNAL);
    expect(first!.spanContext().traceId).toBe(parentTraceId);
    expect(first!.attributes).toMatchObject({ 'ferry.command': 'mail/sync', 'http.response.status_code': 200, 'ferry.state_size': 321, 'ferry.cold_start': true });
    expect(first!.attributes['ferry.cold_start.process_age_ms']).toEqual(expect.any(Number));
    expect(second!.attributes).toMatchObject({ 'ferry.cold_start': false });
    expect(second!.attributes['ferry.cold_start.process_age_ms']).toBeUndefined();
    expect(second!.spanContext().traceId).not.toBe(parentTraceId);

    const byName = (name: string) => telemetry.records.filter((r) => r.name === name);
    expect(byName('ferry.command.duration').map((r) => r.attributes)).toEqual([
      { 'ferry.command': 'mail/sync', 'http.response.status_code': 200, 'ferry.cold_start': true },
      { 'ferry.command': 'mail/sync', 'http.response.status_code': 200, 'ferry.cold_start': false },
    ]);
    expect(byName('ferry.cold_starts')).toEqual([{ name: 'ferry.cold_starts', value: 1, attributes: { 'ferry.command': 'mail/sync' } }]);
    expect(byName('ferry.state.size').map((r) => r.value)).toEqual([321, 321]);
    expect(JSON.stringify(telemetry.records) + JSON.stringify(first!.attributes)).not.toMatch(/Salary/);
  });

  it('records a problem answer by status and code, and a thrown handler as an error, rethrown', async () => {
    const problem: HttpHandler = async () => ({ status: 410, jsonBody: { code: 'sync_state_invalid', detail: 'Salary review' } }) as HttpResponseInit;
    await instrumentCommand('folders/sync', problem)(request, invocation());
    const failing: HttpHandler = async () => {
      throw new TypeError('bug');
    };
    await expect(instrumentCommand('folders/sync', failing)(request, invocation())).rejects.toThrow('bug');

    const [rejected, failed] = telemetry.spans.getFinishedSpans();
    expect(rejected!.attributes).toMatchObject({ 'http.response.status_code': 410, 'ferry.error_code': 'sync_state_invalid' });
    expect(rejected!.status.code).toBe(SpanStatusCode.UNSET);
    expect(failed!.attributes).toMatchObject({ 'http.response.status_code': 500 });
    expect(failed!.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(JSON.stringify(rejected!.attributes)).not.toMatch(/Salary/);
  });

  it('costs nothing but the handler when telemetry is off', async () => {
    telemetry.uninstall();
    const answer = { status: 200, jsonBody: { ok: true } };
    expect(await instrumentCommand('health', async () => answer)(request, invocation())).toBe(answer);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
