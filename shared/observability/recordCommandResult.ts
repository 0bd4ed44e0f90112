import { trace } from '@opentelemetry/api';
import { telemetryInstruments } from './telemetryInstruments';

/**
 * Records what telemetry may know about a command's result before it is serialized (and perhaps
 * compressed): the length of the sealed sync state it carries, on the command span
 * (`ferry.state_size`) and as the `ferry.state.size` histogram. Returns the result unchanged; reads
 * nothing else from it.
 */
export function recordCommandResult<T>(route: string, result: T): T {
  const state = (result as { state?: unknown } | null | undefined)?.state;
  if (typeof state === 'string') {
    telemetryInstruments().stateSize.record(state.length, { 'ferry.command': route });
    trace.getActiveSpan()?.setAttribute('ferry.state_size', state.length);
  }
  return result;
}
