import { createPipeline, type PipelineRequest, type PipelineResponse } from '../../../shared/graph/pipeline';
import { telemetryPolicy } from '../../../shared/graph/policies/telemetryPolicy';
import { TransportError } from '../../../shared/graph/transport/transportError';
import { createFakeClock } from '../graph/helpers/fakeClock';
import { installTestTelemetry, type TestTelemetry } from './helpers/telemetryDoubles';

function request(clientRequestId: string, attempt = 1): PipelineRequest {
  return {
    operation: 'messages.delta',
    method: 'GET',
    url: new URL('https://graph.microsoft.com/v1.0/me/mailFolders/AAMk=/messages/delta?$deltatoken=secret'),
    headers: { 'client-request-id': clientRequestId, authorization: 'Bearer eyJsecret' },
    idempotent: true,
    isDelta: true,
    answer: 'any',
    permits: 1,
    attempt,
  } as PipelineRequest;
}

describe('telemetryPolicy', () => {
  let telemetry: TestTelemetry;
  beforeEach(() => (telemetry = installTestTelemetry()));
  afterEach(() => telemetry.uninstall());

  it('counts each attempt by operation and status, with its duration on the injected clock', async () => {
    const clock = createFakeClock();
    const send = createPipeline([telemetryPolicy(clock)], async () => {
      clock.advance(42);
      return { status: 200, headers: {}, body: { value: [{ subject: 'Salary review' }] } } as PipelineResponse;
    });
    await send(request('r1'));
    expect(telemetry.records).toEqual([
      { name: 'ferry.graph.requests', value: 1, attributes: { 'ferry.graph.operation': 'messages.delta', 'http.response.status_code': 200 } },
      { name: 'ferry.graph.duration', value: 42, attributes: { 'ferry.graph.operation': 'messages.delta', 'http.response.status_code': 200 } },
    ]);
  });

  it('measures the wait before a retry of the same request and why, and counts throttling', async () => {
    const clock = createFakeClock();
    const statuses = [429, 200, 503, 200];
    const send = createPipeline([telemetryPolicy(clock)], async () => ({ status: statuses.shift()!, headers: {}, body: undefined }) as PipelineResponse);
    await send(request('r1', 1));
    clock.advance(1500); // the retry policy's sleep
    await send(request('r1', 2));
    await send(request('r2', 1));
    clock.advance(700);
    await send(request('other', 1)); // a different request is no retry
    const names = telemetry.records.map((r) => r.name);
    expect(names.filter((n) => n === 'ferry.graph.requests')).toHaveLength(4);
    expect(telemetry.records.filter((r) => r.name === 'ferry.graph.throttled').map((r) => r.attributes['http.response.status_code'])).toEqual([429, 503]);
    expect(telemetry.records.filter((r) => r.name === 'ferry.graph.retry_wait')).toEqual([
      { name: 'ferry.graph.retry_wait', value: 1500, attributes: { 'ferry.graph.operation': 'messages.delta', 'ferry.graph.retry_reason': 'throttled' } },
    ]);
  });

  it('records a transport failure by its code and rethrows it; the retry after it is transient', async () => {
    const clock = createFakeClock();
    let fail = true;
    const send = createPipeline([telemetryPolicy(clock)], async () => {
      if (fail) {
        fail = false;
        throw new TransportError('ECONNRESET');
      }
      return { status: 200, headers: {}, body: undefined } as PipelineResponse;
    });
    await expect(send(request('r1'))).rejects.toBeInstanceOf(TransportError);
    clock.advance(200);
    await send(request('r1', 2));
    expect(telemetry.records[0]).toEqual({ name: 'ferry.graph.requests', value: 1, attributes: { 'ferry.graph.operation': 'messages.delta', 'error.type': 'ECONNRESET' } });
    expect(telemetry.records.find((r) => r.name === 'ferry.graph.retry_wait')).toMatchObject({ value: 200, attributes: { 'ferry.graph.retry_reason': 'transient' } });
    expect(JSON.stringify(telemetry.records)).not.toMatch(/secret|AAMk|Salary/);
  });

  it('records a 2xx with a broken body as failed (error.type broken_body); the retry after it is transient', async () => {
    const clock = createFakeClock();
    const answers: PipelineResponse[] = [
      { status: 200, headers: {}, body: undefined, brokenBody: true },
      { status: 200, headers: {}, body: { value: [] } },
    ];
    const send = createPipeline([telemetryPolicy(clock)], async () => answers.shift()!);
    await send(request('r1'));
    clock.advance(300);
    await send(request('r1', 2));
    const requests = telemetry.records.filter((r) => r.name === 'ferry.graph.requests').map((r) => r.attributes);
    expect(requests).toEqual([
      { 'ferry.graph.operation': 'messages.delta', 'http.response.status_code': 200, 'error.type': 'broken_body' },
      { 'ferry.graph.operation': 'messages.delta', 'http.response.status_code': 200 },
    ]);
    expect(telemetry.records.filter((r) => r.name === 'ferry.graph.retry_wait')).toEqual([
      { name: 'ferry.graph.retry_wait', value: 300, attributes: { 'ferry.graph.operation': 'messages.delta', 'ferry.graph.retry_reason': 'transient' } },
    ]);
  });
});
