import type { TemplateScope } from './armTemplate';
import { traceValue } from './traceValue';

/**
 * Whether a value can only be one of `allowed`: a literal in the list, or a parameter chain in which
 * some parameter's `allowedValues` is a non-empty subset of it (ARM rejects any other value there).
 */
export function valueWithin(value: unknown, scope: TemplateScope, allowed: readonly unknown[]): boolean {
  const traced = traceValue(value, scope);
  if (!isExpression(traced.value)) return allowed.includes(traced.value);
  return traced.parameters.some((p) => Array.isArray(p.allowedValues) && p.allowedValues.length > 0 && p.allowedValues.every((v) => allowed.includes(v)));
}

/** Whether a number can only lie in [min, max]: a literal, or parameters whose bounds (or allowed values) keep it there. */
export function numberWithin(value: unknown, scope: TemplateScope, min: number, max: number): boolean {
  const traced = traceValue(value, scope);
  if (!isExpression(traced.value)) return typeof traced.value === 'number' && traced.value >= min && traced.value <= max;
  const inRange = (v: unknown) => typeof v === 'number' && v >= min && v <= max;
  if (traced.parameters.some((p) => Array.isArray(p.allowedValues) && p.allowedValues.length > 0 && p.allowedValues.every(inRange))) return true;
  const lowest = Math.max(...traced.parameters.map((p) => p.minValue ?? -Infinity));
  const highest = Math.min(...traced.parameters.map((p) => p.maxValue ?? Infinity));
  return lowest >= min && highest <= max;
}

/** An ARM template expression (`[...]`, but not the `[[` escape of a literal bracket). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('[') && !value.startsWith('[[');
}
