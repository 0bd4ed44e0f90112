import { objectSites, resolveRef, schemaFields, type JsonSchema } from './jsonSchema';

/**
 * One change to a valid request body. `invalid: true` means the schema refuses the result, so Ferry
 * must not answer 2xx; `undefined` means it may be valid (a bound itself, a long but legal string).
 */
export interface Mutation {
  label: string;
  invalid?: true;
  apply(valid: unknown): unknown;
  /**
   * For a request of one of several shapes (mail/sync by `folderId` or by `kind`): whether a valid body
   * is of the shape this mutation was derived from. A mutation applies only to such a body.
   */
  appliesTo?(valid: unknown): boolean;
}

/** Nested arrays deeper than readJsonBody's limit (32). */
export function deepValue(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Another JSON type than the schema admits, one value per type. */
const typeSamples: Array<{ type: string; value: unknown }> = [
  { type: 'string', value: 'x' },
  { type: 'integer', value: 7 },
  { type: 'number', value: 1.5 },
  { type: 'boolean', value: true },
  { type: 'null', value: null },
  { type: 'array', value: [] },
  { type: 'object', value: {} },
];

/** Keys no strict schema admits, among them the ones that reach prototypes when merged naively. */
const extraKeys = ['unknownField', '__proto__', 'constructor', 'prototype', 'toString', ''];

/**
 * Single mutations of a valid body, derived from the schema alone: wrong type, each bound and one past
 * it, a missing required key, an extra key, a long string, deep nesting, a value outside an enum.
 */
export function schemaMutations(root: JsonSchema, maxBodyBytes = 64 * 1024): Mutation[] {
  // A body of one of several object shapes: each shape's mutations, for bodies of that shape (its required keys).
  const top = resolveRef(root, root);
  const shapes = (top.anyOf ?? top.oneOf) as JsonSchema[] | undefined;
  if (shapes && shapes.every((shape) => resolveRef(root, shape).type === 'object')) {
    return shapes.flatMap((shape) => {
      const resolved = resolveRef(root, shape);
      const required = (resolved.required as string[] | undefined) ?? [];
      const appliesTo = (valid: unknown) => typeof valid === 'object' && valid !== null && required.every((key) => key in valid);
      return schemaMutations({ $defs: root.$defs, ...resolved }, maxBodyBytes).map((mutation) => ({ ...mutation, appliesTo }));
    });
  }
  const mutations: Mutation[] = [];
  for (const field of schemaFields(root)) {
    const name = field.path.join('.');
    const set = (label: string, value: unknown, invalid: boolean) =>
      mutations.push({ label: `${name}: ${label}`, ...(invalid ? { invalid: true as const } : {}), apply: (body) => setAt(body, field.path, value) });
    const accepted = acceptedTypes(field.schema);
    for (const sample of typeSamples) {
      if (!accepted.has(sample.type) && !(sample.type === 'integer' && accepted.has('number'))) set(`type ${sample.type}`, sample.value, !field.path.includes('0'));
    }
    const { minimum, maximum, minLength, maxLength } = field.schema as Record<string, number | undefined>;
    if (typeof minimum === 'number' && minimum > -1e9) {
      set('minimum', minimum, false);
      set('minimum - 1', minimum - 1, true);
    }
    if (typeof maximum === 'number' && maximum < 1e9) {
      set('maximum', maximum, false);
      set('maximum + 1', maximum + 1, true);
    }
    if (typeof minLength === 'number' && minLength > 0) set('minLength - 1', 'A'.repeat(minLength - 1), true);
    if (typeof maxLength === 'number') {
      set('maxLength', 'A'.repeat(maxLength), false);
      set('maxLength + 1', 'A'.repeat(maxLength + 1), true);
    }
    if (accepted.has('string')) {
      set('long string (4097)', 'A'.repeat(4097), false);
      // Past the default 64 KB body limit; valid for a command that takes more (mail/draft's 1 MiB,
      // tested by its own suite: a body past 1 MiB here would race the host's early 413 on a kept-alive socket).
      set('string past the body limit', 'A'.repeat(70 * 1024), maxBodyBytes < 70 * 1024);
    }
    if (Array.isArray(field.schema.enum)) set('outside the enum', 'not-in-the-enum', true);
    set('nested 40 deep', deepValue(40), true);
    if (field.required && !field.path.includes('0')) {
      mutations.push({ label: `${name}: missing`, invalid: true, apply: (body) => deleteAt(body, field.path) });
    }
  }
  for (const site of objectSites(root)) {
    if (site.schema.additionalProperties !== false) continue;
    for (const key of extraKeys) {
      mutations.push({
        label: `${site.path.join('.') || 'body'}: extra key ${JSON.stringify(key)}`,
        invalid: true,
        apply: (body) => addKeyAt(body, site.path, key),
      });
    }
  }
  return mutations;
}

function acceptedTypes(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  const add = (s: JsonSchema) => {
    if (typeof s.type === 'string') types.add(s.type);
    if (Array.isArray(s.type)) for (const t of s.type) types.add(String(t));
    if (Array.isArray(s.enum)) for (const v of s.enum) types.add(v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v);
    for (const branch of [...((s.anyOf as JsonSchema[]) ?? []), ...((s.oneOf as JsonSchema[]) ?? [])]) add(branch);
    if (s.$ref) types.add('object');
  };
  add(schema);
  if (types.has('integer')) types.add('number');
  if (types.has('number')) types.add('integer');
  return types;
}

/** Sets `value` at `path` in a copy of `body`, creating objects on the way. */
export function setAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = key === '0' ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  defineOwn(node, path[path.length - 1]!, value);
  return copy;
}

/** Removes the key at `path`; an absent parent is created empty, so the key is missing either way. */
function deleteAt(body: unknown, path: string[]): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  delete node[path[path.length - 1]!];
  return copy;
}

function addKeyAt(body: unknown, path: string[], key: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const segment of path) {
    if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  defineOwn(node, key, { x: 1 });
  return copy;
}

/** An own property even for `__proto__`, so JSON.stringify writes it as a key. */
function defineOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}
