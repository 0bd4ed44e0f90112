import { createRequire } from 'node:module';
import { metrics, trace } from '@opentelemetry/api';
import { consoleSink, createLogger } from './logger';
import { toAzureMonitorOptions, type ToAzureMonitorOptionsExtras } from './toAzureMonitorOptions';

type Distro = typeof import('@azure/monitor-opentelemetry');

export interface StartTelemetryOptions extends ToAzureMonitorOptionsExtras {
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Loads the Azure Monitor distro; default `require('@azure/monitor-opentelemetry')`, on first use. */
  loadDistro?: () => Distro;
}

export interface Telemetry {
  /** False when no connection string is set or start-up failed: recording is then a no-op. */
  readonly enabled: boolean;
  /** Exports what is buffered now (spans and metrics). */
  flush(): Promise<void>;
  /** Flushes and stops; the next startTelemetry starts again. */
  shutdown(): Promise<void>;
}

let current: Telemetry | undefined;

/**
 * Starts OpenTelemetry with the Azure Monitor distro once per process when
 * `APPLICATIONINSIGHTS_CONNECTION_STRING` is set; later calls return the same handle. Ferry calls it
 * when the first device command begins, not at import: loading the distro pulls in `@azure/identity`
 * and its resource detection may probe the network, and importing the app must do neither. The
 * HTTP instrumentation patches `http`/`https` when they are next required, so they are required
 * again right after the start (axios holds the same module objects, so its later calls are traced;
 * `fetch` is not instrumented).
 * A failure to start is logged (error class only) and leaves telemetry off; it never fails a command.
 */
export function startTelemetry(options: StartTelemetryOptions = {}): Telemetry {
  if (current) return current;
  const env = options.env ?? process.env;
  try {
    const azureMonitorOptions = toAzureMonitorOptions(env, options);
    if (!azureMonitorOptions) return (current = disabled);
    const distro = (options.loadDistro ?? loadDistro)();
    distro.useAzureMonitor(azureMonitorOptions);
    // Through Node's own loader (a bundler or test runner may wrap `require`), and by the plain names
    // the instrumentation hooks (`http`, `https`, not the `node:` forms).
    const nodeRequire = createRequire(__filename);
    nodeRequire('http');
    nodeRequire('https');
    current = { enabled: true, flush, shutdown: () => stop(distro) };
  } catch (error) {
    createLogger(consoleSink).error('telemetry.start_failed', { errorName: error instanceof Error ? error.constructor.name : typeof error });
    current = disabled;
  }
  return current;
}

const disabled: Telemetry = { enabled: false, flush: () => Promise.resolve(), shutdown: () => Promise.resolve(void (current = undefined)) };

function loadDistro(): Distro {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use on purpose
  return require('@azure/monitor-opentelemetry') as Distro;
}

/** The SDK's providers behind the API's globals, duck-typed (the API does not expose forceFlush). */
async function flush(): Promise<void> {
  const tracerProvider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = (tracerProvider.getDelegate?.() ?? tracerProvider) as { forceFlush?: () => Promise<void> };
  const meterProvider = metrics.getMeterProvider() as { forceFlush?: () => Promise<void> };
  await Promise.all([delegate.forceFlush?.(), meterProvider.forceFlush?.()]);
}

async function stop(distro: Distro): Promise<void> {
  try {
    await flush();
    await distro.shutdownAzureMonitor();
  } finally {
    current = undefined;
  }
}
