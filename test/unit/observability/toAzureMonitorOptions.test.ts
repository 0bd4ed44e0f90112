import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sanitizingSpanProcessor } from '../../../shared/observability/sanitizingSpanProcessor';
import { toAzureMonitorOptions } from '../../../shared/observability/toAzureMonitorOptions';

const connectionString = 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';

describe('toAzureMonitorOptions', () => {
  it('is off without a connection string', () => {
    expect(toAzureMonitorOptions({})).toBeUndefined();
    expect(toAzureMonitorOptions({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' })).toBeUndefined();
  });

  it('traces outgoing HTTP only, stores nothing on disk, streams nothing live, and sanitizes before any exporter', () => {
    const extra = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };
    const options = toAzureMonitorOptions({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, { spanProcessors: [extra] })!;
    expect(options.azureMonitorExporterOptions).toEqual({ connectionString, disableOfflineStorage: true });
    expect(options.enableLiveMetrics).toBe(false);
    expect(options.samplingRatio).toBe(1);
    expect(options.tracesPerSecond).toBe(0);
    const instrumentation = options.instrumentationOptions as Record<string, Record<string, unknown>>;
    expect(instrumentation.http).toMatchObject({ enabled: true, disableIncomingRequestInstrumentation: true, requireParentforOutgoingSpans: true });
    expect(instrumentation.http!.ignoreIncomingRequestHook).toBeUndefined();
    for (const name of ['azureSdk', 'mongoDb', 'mySql', 'postgreSql', 'redis', 'redis4', 'bunyan', 'winston', 'console']) {
      expect(instrumentation[name]).toEqual({ enabled: false });
    }
    expect(options.spanProcessors).toEqual([sanitizingSpanProcessor, extra]);
  });

  it('with local auth off, passes a lazy managed identity credential for the identity the string or AZURE_CLIENT_ID names', () => {
    const credentialFor = jest.fn((clientId: string) => ({ getToken: async () => ({ token: clientId, expiresOnTimestamp: 0 }) }));
    const fromString = toAzureMonitorOptions(
      { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=uami-1;Authorization=AAD', AZURE_CLIENT_ID: 'uami-2' },
      { credentialFor },
    )!;
    expect(credentialFor).toHaveBeenLastCalledWith('uami-1');
    expect(fromString.azureMonitorExporterOptions!.credential).toBe(credentialFor.mock.results[0]!.value);
    toAzureMonitorOptions({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD', AZURE_CLIENT_ID: 'uami-2' }, { credentialFor });
    expect(credentialFor).toHaveBeenLastCalledWith('uami-2');
    expect(() => toAzureMonitorOptions({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' })).toThrow(TypeError);
  });

  it('builds no credential when the resource takes the connection string alone', () => {
    const credentialFor = jest.fn();
    const options = toAzureMonitorOptions({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, AZURE_CLIENT_ID: 'uami-2' }, { credentialFor })!;
    expect(credentialFor).not.toHaveBeenCalled();
    expect(options.azureMonitorExporterOptions!.credential).toBeUndefined();
  });

  it('uses a pinned Azure Monitor distro: an exact version in package.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['@azure/monitor-opentelemetry']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
