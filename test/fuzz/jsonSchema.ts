import { z } from 'zod';
import { ferryKindKeyword, ferryKinds, type FerryKind } from '../../shared/protocol/schemas/ferryKind';

/** A JSON Schema (draft 2020-12) as `z.toJSONSchema` emits it. */
export type JsonSchema = { [keyword: string]: unknown };

/** The request schema of a command as JSON Schema: what the fuzzer and the isolation suite read. */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' }) as JsonSchema;
}

/** Keywords that describe and never constrain: the mapper reads `x-ferry-kind` and skips the rest. */
export const annotationKeywords = new Set(['$schema', '$id', 'id', 'title', 'description', 'examples', 'deprecated', 'default', 'readOnly', 'writeOnly', '$defs', ferryKindKeyword]);

/** Follows a local `$ref` (`#/$defs/Name`) against the root; other refs are not ours. */
export function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    const match = /^#\/\$defs\/([^/]+)$/.exec(current.$ref);
    const target = match ? (root.$defs as Record<string, JsonSchema> | undefined)?.[match[1]!] : undefined;
    if (!target || hops > 32) throw new Error(`jsonSchema: cannot resolve $ref ${current.$ref}`);
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

export function kindOf(schema: JsonSchema): FerryKind | undefined {
  const kind = schema[ferryKindKeyword];
  if (kind === undefined) return undefined;
  if (!(ferryKinds as readonly unknown[]).includes(kind)) throw new Error(`jsonSchema: unknown ${ferryKindKeyword} ${String(kind)}`);
  return kind as FerryKind;
}

/** A field of a request body: its path from the root object, schema, and whether it must be present. */
export interface SchemaField {
  path: string[];
  schema: JsonSchema;
  required: boolean;
  kind?: FerryKind;
}

/** Every property of every object in the schema, depth first (through `$ref`, `anyOf`/`oneOf` and array items). */
export function schemaFields(root: JsonSchema): SchemaField[] {
  const fields: SchemaField[] = [];
  const walk = (raw: JsonSchema, path: string[], depth: number): void => {
    if (depth > 16) return;
    const schema = resolveRef(root, raw);
    for (const branch of [...((schema.anyOf as JsonSchema[]) ?? []), ...((schema.oneOf as JsonSchema[]) ?? [])]) walk(branch, path, depth + 1);
    if (schema.items && typeof schema.items === 'object') walk(schema.items as JsonSchema, [...path, '0'], depth + 1);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) {
      const resolved = resolveRef(root, child);
      fields.push({ path: [...path, name], schema: resolved, required: required.has(name), kind: kindOf(resolved) ?? kindOf(child) });
      walk(child, [...path, name], depth + 1);
    }
  };
  walk(root, [], 0);
  return fields;
}

/** Every object schema in the tree (the root included) with its path, for extra-key mutations. */
export function objectSites(root: JsonSchema): Array<{ path: string[]; schema: JsonSchema }> {
  const rootSchema = resolveRef(root, root);
  const sites = rootSchema.type === 'object' ? [{ path: [] as string[], schema: rootSchema }] : [];
  for (const field of schemaFields(root)) if (field.schema.type === 'object') sites.push({ path: field.path, schema: field.schema });
  return sites;
}
