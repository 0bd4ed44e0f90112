import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { lazyManagedIdentityCredential, type LazyTokenCredential } from './lazyManagedIdentityCredential';
import { parseAuthenticationString } from './parseAuthenticationString';
import { sanitizingSpanProcessor } from './sanitizingSpanProcessor';

type SpanProcessors = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>;

export interface ToAzureMonitorOptionsExtras {
  /** Span processors after the sanitizer (tests add an in-memory exporter here). */
  spanProcessors?: readonly unknown[];
  /** Builds the credential for Entra ID ingestion; default a lazy ManagedIdentityCredential. */
  credentialFor?: (clientId: string) => LazyTokenCredential;
}

const off = { enabled: false };

/**
 * The Azure Monitor distro's options for Ferry, from the environment, or undefined when telemetry is
 * off (no `APPLICATIONINSIGHTS_CONNECTION_STRING`). Pure apart from building the (lazy) credential.
 * - Outgoing HTTP only: incoming requests are the Functions host's Request telemetry (sampled per
 *   host.json); the worker's own HTTP server (HTTP streaming) is not traced again.
 * - No Azure SDK, database or logging-library instrumentation: Ferry uses none of them for data, and
 *   each would add names (secret names, log messages) the sanitizer would have to know about.
 * - Traces sampled at a fixed ratio (100%), not rate-limited (see below); metrics are never sampled.
 * - Live Metrics off: it reads spans before the sanitizer runs and streams them, URLs included.
 * - Offline storage off: a stateless function must not write telemetry to the instance's disk.
 * - Local auth off (`APPLICATIONINSIGHTS_AUTHENTICATION_STRING` with `Authorization=AAD`): a lazy
 *   user-assigned managed identity credential, client id from that string or `AZURE_CLIENT_ID`.
 * - The sanitizing span processor comes first among the user processors, before any exporter.
 */
export function toAzureMonitorOptions(env: NodeJS.ProcessEnv, extras: ToAzureMonitorOptionsExtras = {}): AzureMonitorOpenTelemetryOptions | undefined {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!connectionString) return undefined;
  const auth = parseAuthenticationString(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING);
  const clientId = auth.clientId ?? env.AZURE_CLIENT_ID?.trim();
  if (auth.aad && !clientId) throw new TypeError('APPLICATIONINSIGHTS_AUTHENTICATION_STRING asks for Entra ID but names no ClientId and AZURE_CLIENT_ID is not set.');
  const credential = auth.aad ? (extras.credentialFor ?? lazyManagedIdentityCredential)(clientId!) : undefined;
  return {
    azureMonitorExporterOptions: {
      connectionString,
      disableOfflineStorage: true,
      ...(credential ? { credential: credential as NonNullable<AzureMonitorOpenTelemetryOptions['azureMonitorExporterOptions']>['credential'] } : {}),
    },
    // Every command's trace, sampled by trace id like the rest of Application Insights; the distro's
    // default rate limiter (5 traces/s) starts near 0% after process start, so it would drop the
    // cold-start traces. OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG still override this.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: {
        enabled: true,
        // Not `ignoreIncomingRequestHook`: an ignored incoming request runs with tracing suppressed, which
        // would silence every span of the command it carries. UNVERIFIED: that with HTTP streaming
        // (setupFunctionsApp) the Node worker receives requests on an HTTP server of its own; the
        // local host certainly does, and the setting is right either way.
        disableIncomingRequestInstrumentation: true,
        // Only calls made while serving a command: nothing at start-up or from timers.
        requireParentforOutgoingSpans: true,
      },
      azureSdk: off,
      mongoDb: off,
      mySql: off,
      postgreSql: off,
      redis: off,
      redis4: off,
      bunyan: off,
      winston: off,
      console: off,
    } as AzureMonitorOpenTelemetryOptions['instrumentationOptions'],
    spanProcessors: [sanitizingSpanProcessor, ...(extras.spanProcessors ?? [])] as SpanProcessors,
  };
}
