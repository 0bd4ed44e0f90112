import { AsyncLocalStorage } from 'node:async_hooks';
import { context, metrics, propagation, ROOT_CONTEXT, trace, type Attributes, type Context, type ContextManager, type MeterProvider } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface MetricRecord {
  name: string;
  value: number;
  attributes: Attributes;
}

/** A meter provider that keeps every recorded value, by instrument name (what the SDK would aggregate). */
export function recordingMeterProvider(): { provider: MeterProvider; records: MetricRecord[] } {
  const records: MetricRecord[] = [];
  const instrument = (name: string) => {
    const record = (value: number, attributes: Attributes = {}) => void records.push({ name, value, attributes });
    return { add: record, record };
  };
  const meter = { createHistogram: instrument, createCounter: instrument, createUpDownCounter: instrument, createGauge: instrument };
  return { provider: { getMeter: () => meter } as unknown as MeterProvider, records };
}

/** The API's context manager on AsyncLocalStorage, as the Node SDK registers it. */
function asyncLocalStorageContextManager(): ContextManager {
  const storage = new AsyncLocalStorage<Context>();
  return {
    active: () => storage.getStore() ?? ROOT_CONTEXT,
    with: (ctx, fn, thisArg, ...args) => storage.run(ctx, () => fn.call(thisArg, ...args)),
    bind: (_ctx, target) => target,
    enable() {
      return this;
    },
    disable() {
      storage.disable();
      return this;
    },
  };
}

export interface TestTelemetry {
  spans: InMemorySpanExporter;
  records: MetricRecord[];
  uninstall(): void;
}

/**
 * Registers real SDK tracing (in-memory export, after `processors`), a recording meter provider, an
 * AsyncLocalStorage context manager and the W3C propagator as the OpenTelemetry globals, like
 * startTelemetry does through the distro, so code under test records through the plain API.
 */
export function installTestTelemetry(processors: SpanProcessor[] = []): TestTelemetry {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [...processors, new SimpleSpanProcessor(spans)] });
  const meters = recordingMeterProvider();
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meters.provider);
  context.setGlobalContextManager(asyncLocalStorageContextManager());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    spans,
    records: meters.records,
    uninstall() {
      trace.disable();
      metrics.disable();
      context.disable();
      propagation.disable();
    },
  };
}
