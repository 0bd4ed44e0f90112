import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createIngestionStandIn, type IngestedEnvelope, type IngestionStandIn } from '../../dev/ingestion/createIngestionStandIn';
import { startTelemetry, type Telemetry } from '../../shared/observability/startTelemetry';
import { startEgressGuard, type EgressGuard } from '../helpers/egressGuard';
import { startStack, type Stack } from '../helpers/startStack';
import { findTelemetryLeaks } from '../helpers/telemetryLeaks';

/**
 * Telemetry through the real Azure Monitor distro and exporter, in this process: the local stack serves
 * commands while an in-memory exporter sees every span after the sanitizer and the exporter sends to
 * the HTTPS ingestion stand-in. Neither may hold mailbox content, ids, tokens, JWTs or secrets; both
 * must hold the command, Graph and state measurements.
 *
 * The HTTP instrumentation cannot patch `http` under jest (its require hook never sees jest's module
 * loading), so the outgoing-call spans the instrumentation would make are checked here with one span
 * shaped like them, and for real in test/e2e/package.test.ts, which runs the bundle in its own process.
 */
describe('telemetry without user data', () => {
  let ingestion: IngestionStandIn;
  let guard: EgressGuard;
  let telemetry: Telemetry;
  let stack: Stack;
  const memory = new InMemorySpanExporter();
  const secrets: string[] = [];
  const upn = 'alice@contoso.test';

  beforeAll(async () => {
    ingestion = await createIngestionStandIn();
    guard = await startEgressGuard();
    Object.assign(process.env, guard.env, {
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      // UNVERIFIED: that Flex Consumption sets these (the Azure resource detector reads them); with
      // them the distro skips its Azure VM metadata probe, a call to 169.254.169.254.
      WEBSITE_SITE_NAME: 'ferry-test',
      WEBSITE_SKU: 'FlexConsumption',
      // Microsoft's own SDK usage statistics would go to Microsoft's endpoints.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
    });
    telemetry = startTelemetry({ spanProcessors: [new SimpleSpanProcessor(memory)] });
    stack = await startStack();
    secrets.push(process.env.FERRY_STATE_KEYS!, process.env.FERRY_CLIENT_SECRET ?? '');
  });

  afterAll(async () => {
    await stack?.close();
    await telemetry?.shutdown();
    await ingestion?.close();
    await guard?.close();
  });

  it('records commands, Graph calls, throttling and state sizes, with nothing of the mailbox, the caller or the tokens', async () => {
    expect(telemetry.enabled).toBe(true);
    const token = await stack.token(upn);
    const graphToken = await stack.graphToken(upn);
    secrets.push(token, graphToken);

    const folders = await stack.call('folders/sync', {}, token);
    expect(folders.status).toBe(200);
    secrets.push(folders.body.state, ...folders.body.upserts.map((f: { id: string }) => f.id));
    const inbox = folders.body.upserts.find((f: { kind: string }) => f.kind === 'inbox');

    stack.sim.state.throttleNext({ status: 429, retryAfter: '0', count: 1 });
    const mail = await stack.call('mail/sync', { folderId: inbox.id, window: 10 }, token);
    expect(mail.status).toBe(200);
    secrets.push(mail.body.state, ...mail.body.upserts.map((m: { id: string }) => m.id));
    const first = stack.sim.state.mailbox(upn)!.message(mail.body.upserts[0].id)!;

    const message = await stack.call('mail/get', { id: mail.body.upserts[0].id, body: { type: 'html' } }, token);
    expect(message.status).toBe(200);
    const refused = await stack.call('folders/sync', {}, 'not-a-token');
    expect(refused.status).toBe(401);

    // What the HTTP instrumentation records for a Graph call, with everything it could carry.
    const deltaUrl = `${stack.sim.url}/v1.0/me/mailFolders/${inbox.id}/messages/delta?$deltatoken=${encodeURIComponent(mail.body.state)}&$filter=from/emailAddress/address eq '${upn}'`;
    trace.getTracer('probe').startActiveSpan('ferry mail/sync', (parent) => {
      const span = trace.getTracer('@opentelemetry/instrumentation-http').startSpan(`GET ${new URL(deltaUrl).pathname}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': 'GET',
          'url.full': deltaUrl,
          'http.target': new URL(deltaUrl).pathname + new URL(deltaUrl).search,
          'server.address': '127.0.0.1',
          'http.response.status_code': 200,
          'user_agent.original': `ferry ${upn}`,
          'enduser.id': upn,
          'http.request.header.authorization': `Bearer ${graphToken}`,
        },
      });
      span.recordException(new Error(`${String(first.subject)} for ${upn}`));
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(first.subject) });
      span.end();
      parent.end();
    });

    await telemetry.flush();
    const spans = memory.getFinishedSpans();
    const commandSpans = spans.filter((span) => span.name.startsWith('ferry ') && span.attributes['ferry.command'] !== undefined);
    expect(commandSpans.map((span) => span.name).sort()).toEqual(['ferry folders/sync', 'ferry folders/sync', 'ferry mail/get', 'ferry mail/sync']);
    const mailSpan = commandSpans.find((span) => span.name === 'ferry mail/sync')!;
    expect(mailSpan.attributes).toMatchObject({ 'ferry.command': 'mail/sync', 'http.response.status_code': 200, 'ferry.graph.throttled': 1, 'ferry.state_size': mail.body.state.length });
    expect(Number(mailSpan.attributes['ferry.graph.calls'])).toBeGreaterThanOrEqual(2);
    expect(commandSpans.filter((span) => span.attributes['ferry.cold_start'] === true)).toHaveLength(1);
    expect(commandSpans.find((span) => span.attributes['http.response.status_code'] === 401)?.attributes['ferry.error_code']).toBe('unauthorized');

    const client = spans.find((span) => span.kind === SpanKind.CLIENT)!;
    expect(client.name).toBe('GET /v1.0/me/mailFolders/:id/messages/delta');
    expect(client.attributes).toEqual({
      'http.request.method': 'GET',
      'url.full': `${stack.sim.url}/v1.0/me/mailFolders/:id/messages/delta`,
      'http.target': '/v1.0/me/mailFolders/:id/messages/delta',
      'server.address': '127.0.0.1',
      'http.response.status_code': 200,
      // The distro's own marker (metrics were extracted from this span), kept on purpose.
      '_MS.ProcessedByMetricExtractors': "(Name:'Dependencies', Ver:'1.1')",
    });
    expect(client.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(client.events.map((event) => event.attributes)).toEqual([{ 'exception.type': 'Error' }]);
    // The detector finds what the raw span held; then nothing of it is left after the sanitizer.
    for (const raw of [deltaUrl, `Bearer ${graphToken}`, String(first.subject)]) expect(findTelemetryLeaks([raw], stack.sim, secrets)).not.toEqual([]);
    expect(findTelemetryLeaks(spans.map(serialize), stack.sim, secrets)).toEqual([]);

    await ingestion.waitFor((envelopes) => metricNames(envelopes).has('ferry.graph.throttled') && dependencyNames(envelopes).includes('GET /v1.0/me/mailFolders/:id/messages/delta'));
    const names = metricNames(ingestion.envelopes());
    for (const metric of ['ferry.command.duration', 'ferry.cold_starts', 'ferry.state.size', 'ferry.graph.requests', 'ferry.graph.duration', 'ferry.graph.throttled', 'ferry.graph.retry_wait']) {
      expect(names).toContain(metric);
    }
    expect(dependencyNames(ingestion.envelopes())).toEqual(expect.arrayContaining(['ferry folders/sync', 'ferry mail/sync', 'ferry mail/get']));
    expect(findTelemetryLeaks(ingestion.posts.map((post) => post.bodyText), stack.sim, secrets)).toEqual([]);
    // Nothing left the machine: the exporter's settings poll, if it ran, ended at the guard.
    expect(guard.attempts.filter((host) => host !== 'settings.sdk.monitor.azure.com')).toEqual([]);
  });
});

function serialize(span: ReadableSpan): string {
  return JSON.stringify({ name: span.name, attributes: span.attributes, status: span.status, events: span.events, links: span.links });
}

function metricNames(envelopes: IngestedEnvelope[]): Set<string> {
  const names = new Set<string>();
  for (const envelope of envelopes) {
    if (envelope.data?.baseType !== 'MetricData') continue;
    for (const metric of (envelope.data.baseData?.metrics as Array<{ name: string }> | undefined) ?? []) names.add(metric.name);
  }
  return names;
}

function dependencyNames(envelopes: IngestedEnvelope[]): string[] {
  return envelopes.filter((e) => e.data?.baseType === 'RemoteDependencyData').map((e) => String(e.data!.baseData!.name));
}
