import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

/**
 * The wire form of an answer (answerWireForm adds well-formed strings): `value` (the complete form a handler returns) without every property
 * whose value deep-equals the default its schema declares (`.default(...)`), at any depth, as
 * protobuf's JSON mapping leaves out default values. Parsing the result with `schema` gives `value`
 * back, since zod fills the defaults in. Pure: `value` is not changed.
 *
 * Walks objects, arrays, optional, nullable and default wrappers (a named `.meta` schema is one of
 * these). Any other schema (union, record, lazy, pipe…) is left as it is, defaults inside included:
 * a default sent is still a correct answer, only a longer one.
 */
export function omitDefaults<Schema extends z.ZodType>(schema: Schema, value: z.output<Schema>): z.input<Schema> {
  return withoutDefaults(schema, value) as z.input<Schema>;
}

function withoutDefaults(schema: z.ZodType, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return withoutDefaults(schema.unwrap() as z.ZodType, value);
  }
  if (schema instanceof z.ZodArray) return Array.isArray(value) ? value.map((item) => withoutDefaults(schema.element as z.ZodType, item)) : value;
  if (schema instanceof z.ZodObject && typeof value === 'object' && !Array.isArray(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const kept: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(value)) {
      const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
      // Stryker disable next-line ConditionalExpression: withoutDefaults(undefined, property) gives property back, the same as keeping it.
      if (field === undefined) kept[key] = property;
      else if (!(field instanceof z.ZodDefault && isDeepStrictEqual(property, field.def.defaultValue))) kept[key] = withoutDefaults(field, property);
    }
    return kept;
  }
  return value;
}
