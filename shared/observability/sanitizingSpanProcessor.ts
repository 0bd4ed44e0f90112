import { isSafeToken, sanitizeTelemetryAttributes, type TelemetryAttributes } from './sanitizeTelemetryAttributes';
import { sanitizeSpanName } from './sanitizeSpanName';

/**
 * The parts of an ended SDK span (`@opentelemetry/sdk-trace-base` ReadableSpan) that can carry data.
 * Declared here, structurally, so production code does not depend on the SDK's types.
 */
export interface SanitizableSpan {
  name: string;
  attributes: TelemetryAttributes;
  status: { code: number; message?: string };
  events: Array<{ name: string; attributes?: TelemetryAttributes }>;
  links: Array<{ attributes?: TelemetryAttributes }>;
}

/** Exception events keep their type (a class name or error code); message and stack may hold anything. */
const exceptionType = 'exception.type';

/**
 * Rewrites an ended span in place so that it holds nothing but what telemetry may keep: a safe name,
 * allow-listed attributes (URLs as origin + templated path), no status message, exception events
 * reduced to their type, other events and link attributes dropped.
 */
export function sanitizeSpan(span: SanitizableSpan): void {
  span.name = sanitizeSpanName(span.name);
  const attributes = sanitizeTelemetryAttributes(span.attributes);
  for (const key of Object.keys(span.attributes)) delete span.attributes[key];
  Object.assign(span.attributes, attributes);
  if (span.status.message !== undefined) span.status = { code: span.status.code };
  const events = span.events.filter((event) => event.name === 'exception').map((event) => {
    const type = event.attributes?.[exceptionType];
    return { ...event, attributes: typeof type === 'string' && isSafeToken(type) ? { [exceptionType]: type } : {} };
  });
  span.events.splice(0, span.events.length, ...events);
  for (const link of span.links) if (link.attributes) link.attributes = {};
}

/**
 * A span processor that sanitizes every span when it ends. It must come before any exporting
 * processor: the Azure Monitor distro runs user processors after its own metric extraction (which
 * reads only host and status) and before its batch exporter, so nothing unsanitized is exported.
 * A custom span processor is how the Azure Monitor docs filter out personal data and credentials.
 * https://learn.microsoft.com/azure/azure-monitor/app/opentelemetry-filter
 */
export const sanitizingSpanProcessor = {
  onStart(): void {},
  onEnd(span: unknown): void {
    sanitizeSpan(span as SanitizableSpan);
  },
  forceFlush: (): Promise<void> => Promise.resolve(),
  shutdown: (): Promise<void> => Promise.resolve(),
};
