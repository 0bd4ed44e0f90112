import { metrics, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';
import { ferryVersion } from '../version';

/**
 * Ferry's metrics. Names follow OpenTelemetry's style (`ferry.` namespace, units in `unit`); every
 * attribute is a closed-vocabulary token (command route, Graph operation name, status, error code).
 * In Application Insights they land in `customMetrics`.
 */
export interface TelemetryInstruments {
  /** One per device command: its duration. Attributes: `ferry.command`, `http.response.status_code`, `ferry.error_code`, `ferry.cold_start`. */
  commandDuration: Histogram;
  /** First command of a process. Attribute: `ferry.command`. */
  coldStarts: Counter;
  /** Process age at the first command, in ms: how long the cold start took before Ferry ran. */
  coldStartAge: Histogram;
  /** Characters of the sealed state token in a sync answer. Attribute: `ferry.command`. */
  stateSize: Histogram;
  /** One per Graph attempt. Attributes: `ferry.graph.operation`, `http.response.status_code` or `error.type`. */
  graphRequests: Counter;
  /** Duration of one Graph attempt (same attributes). */
  graphDuration: Histogram;
  /** Graph answers 429/503/504: throttling. Attributes: operation, status. */
  graphThrottled: Counter;
  /** Time between a failed Graph attempt and its retry (the retry policy's wait). Attributes: operation, `ferry.graph.retry_reason`. */
  graphRetryWait: Histogram;
}

let cached: { provider: MeterProvider; instruments: TelemetryInstruments } | undefined;

/**
 * The instruments of the global meter provider. The OpenTelemetry API has no proxy for metrics (an
 * instrument made before the SDK registers stays a no-op), so they are made again whenever the global
 * provider changes. Without telemetry the provider is the API's no-op one: recording costs nothing.
 */
export function telemetryInstruments(): TelemetryInstruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider === provider) return cached.instruments;
  const meter = provider.getMeter('ferry', ferryVersion);
  const instruments: TelemetryInstruments = {
    commandDuration: meter.createHistogram('ferry.command.duration', { unit: 'ms', description: 'Duration of one device command.' }),
    coldStarts: meter.createCounter('ferry.cold_starts', { description: 'First device command of a process.' }),
    coldStartAge: meter.createHistogram('ferry.cold_start.process_age', { unit: 'ms', description: 'Process age when its first device command began.' }),
    stateSize: meter.createHistogram('ferry.state.size', { unit: '{character}', description: 'Length of the sealed sync state in an answer.' }),
    graphRequests: meter.createCounter('ferry.graph.requests', { description: 'Graph attempts, by operation and status.' }),
    graphDuration: meter.createHistogram('ferry.graph.duration', { unit: 'ms', description: 'Duration of one Graph attempt.' }),
    graphThrottled: meter.createCounter('ferry.graph.throttled', { description: 'Graph answers with 429, 503 or 504.' }),
    graphRetryWait: meter.createHistogram('ferry.graph.retry_wait', { unit: 'ms', description: 'Wait before a Graph retry.' }),
  };
  cached = { provider, instruments };
  return instruments;
}
