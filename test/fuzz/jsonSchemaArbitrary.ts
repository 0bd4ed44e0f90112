import fc from 'fast-check';
import type { FerryKind } from '../../shared/protocol/schemas/ferryKind';
import { annotationKeywords, kindOf, resolveRef, type JsonSchema } from './jsonSchema';

export interface SchemaArbitraryOptions {
  /** Values for fields tagged `x-ferry-kind`, by kind; default: from the field's own keywords. */
  kinds?: Partial<Record<FerryKind, fc.Arbitrary<unknown>>>;
  /** Longest string when the schema sets no maxLength. Default 40. */
  maxStringLength?: number;
  /** Most items of an array when the schema sets no maxItems. Default 4. */
  maxItems?: number;
}

/** Keywords the mapper turns into constraints. Anything not here or in annotationKeywords throws. */
const constraintKeywords = new Set([
  '$ref', 'type', 'enum', 'const', 'anyOf', 'oneOf',
  'properties', 'required', 'additionalProperties',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'minProperties',
  'minLength', 'maxLength', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
]);
const knownFormats = new Set(['date-time', 'date']);
/** 2000-01-01 to 2100-01-01: dates Graph and Date both take. */
const dateRange = { min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true };

/**
 * A fast-check arbitrary of values valid for a JSON Schema as `z.toJSONSchema` emits it (draft
 * 2020-12). A small in-repo mapper, because zod-fast-check needs zod 3 and fast-check < 4. It throws on
 * any keyword (or format) it does not know, so a schema feature the fuzzer would silently ignore fails
 * the suite instead: teach the mapper the keyword, then the schema passes.
 */
export function jsonSchemaArbitrary(root: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const settings = { maxStringLength: options.maxStringLength ?? 40, maxItems: options.maxItems ?? 4, kinds: options.kinds ?? {} };
  return build(root, root, settings, '#', 0);
}

type Settings = { maxStringLength: number; maxItems: number; kinds: Partial<Record<FerryKind, fc.Arbitrary<unknown>>> };

function build(root: JsonSchema, raw: JsonSchema, settings: Settings, at: string, depth: number): fc.Arbitrary<unknown> {
  if (depth > 32) throw new Error(`jsonSchemaArbitrary: schema nested deeper than 32 at ${at}`);
  checkKeywords(raw, at);
  const schema = resolveRef(root, raw);
  checkKeywords(schema, at);
  const kind = kindOf(raw) ?? kindOf(schema);
  if (kind !== undefined && settings.kinds[kind]) return settings.kinds[kind]!;
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return fc.oneof(...branches.map((branch, i) => build(root, branch, settings, `${at}/anyOf/${i}`, depth + 1)));
  if (Array.isArray(schema.type)) {
    return fc.oneof(...(schema.type as string[]).map((type) => build(root, { ...schema, type }, settings, at, depth + 1)));
  }
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, settings, at);
    case 'integer':
      return fc.integer({ min: lowerBound(schema, 1), max: upperBound(schema, 1) });
    case 'number':
      return fc.double({ min: lowerBound(schema, 0), max: upperBound(schema, 0), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (typeof schema.items !== 'object' || schema.items === null) throw new Error(`jsonSchemaArbitrary: array without items at ${at}`);
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = (schema.maxItems as number | undefined) ?? Math.max(minLength, settings.maxItems);
      const items = build(root, schema.items as JsonSchema, settings, `${at}/items`, depth + 1);
      // uniqueItems (bulk ids): JSON equality, which for the strings it is used on is ===.
      if (schema.uniqueItems === true) return fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) });
      return fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(root, schema, settings, at, depth);
    default:
      throw new Error(`jsonSchemaArbitrary: unknown type ${JSON.stringify(schema.type)} at ${at}`);
  }
}

function checkKeywords(schema: JsonSchema, at: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!constraintKeywords.has(keyword) && !annotationKeywords.has(keyword)) throw new Error(`jsonSchemaArbitrary: unknown keyword "${keyword}" at ${at}`);
  }
  if (schema.format !== undefined && !knownFormats.has(String(schema.format))) throw new Error(`jsonSchemaArbitrary: unknown format "${String(schema.format)}" at ${at}`);
}

function stringArbitrary(schema: JsonSchema, settings: Settings, at: string): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? Math.max(minLength, settings.maxStringLength);
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength && (!pattern || pattern.test(value));
  if (schema.format === 'date-time') return fc.date(dateRange).map((date) => date.toISOString()).filter(fits);
  if (schema.format === 'date') return fc.date(dateRange).map((date) => date.toISOString().slice(0, 10)).filter(fits);
  if (pattern) {
    if (!schema.pattern!.toString().startsWith('^')) throw new Error(`jsonSchemaArbitrary: unanchored pattern at ${at}`);
    return fc.stringMatching(pattern).filter(fits);
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' }).filter(fits);
}

function lowerBound(schema: JsonSchema, step: number): number {
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + (step || Number.EPSILON);
  return Math.max(typeof schema.minimum === 'number' ? schema.minimum : -1e6, Number.MIN_SAFE_INTEGER);
}

function upperBound(schema: JsonSchema, step: number): number {
  if (typeof schema.exclusiveMaximum === 'number') return schema.exclusiveMaximum - (step || Number.EPSILON);
  return Math.min(typeof schema.maximum === 'number' ? schema.maximum : 1e6, Number.MAX_SAFE_INTEGER);
}

function objectArbitrary(root: JsonSchema, schema: JsonSchema, settings: Settings, at: string, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const required = (schema.required as string[] | undefined) ?? [];
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false && typeof extra !== 'object') throw new Error(`jsonSchemaArbitrary: additionalProperties ${String(extra)} at ${at}`);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, child] of Object.entries(properties)) model[name] = build(root, child, settings, `${at}/properties/${name}`, depth + 1);
  const minProperties = (schema.minProperties as number | undefined) ?? 0;
  const record = fc.record(model, { requiredKeys: required }).filter((value) => Object.keys(value).length >= minProperties);
  // A map type (`z.record`): string keys with values of one schema, next to the named properties.
  if (extra && typeof extra === 'object' && Object.keys(extra).length > 0) {
    const values = build(root, extra as JsonSchema, settings, `${at}/additionalProperties`, depth + 1);
    return fc.tuple(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(key in properties)), values, { maxKeys: 3 }), record).map(([more, named]) => ({ ...more, ...named }));
  }
  return record;
}
