import { startTelemetry } from '../../../shared/observability/startTelemetry';

type Distro = typeof import('@azure/monitor-opentelemetry');

function fakeDistro(useAzureMonitor: (options: unknown) => void = () => {}) {
  const distro = { useAzureMonitor: jest.fn(useAzureMonitor), shutdownAzureMonitor: jest.fn(async () => {}) };
  return { distro, loadDistro: jest.fn(() => distro as unknown as Distro) };
}

const connectionString = 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:9/';

describe('startTelemetry', () => {
  it('stays off, without loading the distro, when no connection string is set', async () => {
    const { loadDistro } = fakeDistro();
    const telemetry = startTelemetry({ env: {}, loadDistro });
    expect(telemetry.enabled).toBe(false);
    expect(loadDistro).not.toHaveBeenCalled();
    await telemetry.shutdown();
  });

  it('starts the distro once per process with Ferry options, and again after shutdown', async () => {
    const { distro, loadDistro } = fakeDistro();
    const first = startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, loadDistro });
    const second = startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, loadDistro });
    expect(first.enabled).toBe(true);
    expect(second).toBe(first);
    expect(distro.useAzureMonitor).toHaveBeenCalledTimes(1);
    expect(distro.useAzureMonitor.mock.calls[0]![0]).toMatchObject({ azureMonitorExporterOptions: { connectionString, disableOfflineStorage: true } });
    await first.shutdown();
    expect(distro.shutdownAzureMonitor).toHaveBeenCalledTimes(1);
    const third = startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, loadDistro });
    expect(third).not.toBe(first);
    expect(distro.useAzureMonitor).toHaveBeenCalledTimes(2);
    await third.shutdown();
  });

  it('never fails a command: a start-up error leaves telemetry off and logs the error class only', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      const { loadDistro } = fakeDistro(() => {
        throw new RangeError('Invalid instrumentation key 00000000-secret');
      });
      const telemetry = startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, loadDistro });
      expect(telemetry.enabled).toBe(false);
      expect(lines.map((line) => JSON.parse(line))).toEqual([{ level: 'error', event: 'telemetry.start_failed', errorName: 'RangeError' }]);
      await telemetry.shutdown();
    } finally {
      write.mockRestore();
    }
  });
});
