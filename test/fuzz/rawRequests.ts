import fc from 'fast-check';
import { schemaFields, type JsonSchema } from './jsonSchema';
import { hostileIds, type FuzzRequest, type SeedContext } from './fuzzSeeds';

/*
 * The fuzzer's raw mode, for commands that take a query instead of a JSON body (a GET download): the
 * query parameters come from the same JSON Schema, but travel as strings, so a mutation is a missing,
 * extra, repeated or malformed parameter rather than a wrong JSON type; and `Range` headers, any of
 * which must answer 200, 206 or 416 by the rule.
 */

/** Range headers a downloader may send, good and odd: each gets 200, 206 or (past the end) 416. */
export const rangeHeaders = ['bytes=0-99', 'bytes=0-0', 'bytes=5-', 'bytes=-10', 'bytes=0-1,5-9', 'bytes=999999999-', 'bytes=9-1', 'items=0-1', 'bytes=a-b', 'bytes=0-99999999999999999999', ''];

/** A query mutation: `invalid` ones must be refused (400), the others may pass. */
export interface QueryMutation {
  label: string;
  invalid?: true;
  apply(valid: Record<string, string>): Record<string, string> | string;
}

export function queryMutations(schema: JsonSchema): QueryMutation[] {
  const mutations: QueryMutation[] = [];
  const fields = schemaFields(schema).filter((field) => field.path.length === 1);
  for (const field of fields) {
    const name = field.path[0]!;
    if (field.required) mutations.push({ label: `${name}: missing`, invalid: true, apply: (valid) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name)) });
    mutations.push({ label: `${name}: empty`, invalid: true, apply: (valid) => ({ ...valid, [name]: '' }) });
    mutations.push({ label: `${name}: given twice`, invalid: true, apply: (valid) => `${new URLSearchParams(valid).toString()}&${encodeURIComponent(name)}=${encodeURIComponent(valid[name] ?? 'x')}` });
    mutations.push({ label: `${name}: 513 characters`, invalid: true, apply: (valid) => ({ ...valid, [name]: 'A'.repeat(513) }) });
    for (const bad of ['a/b', '..', 'a b', '%00', 'x?y=1', '\u0000', '\ud83d']) mutations.push({ label: `${name}: ${JSON.stringify(bad)}`, invalid: true, apply: (valid) => ({ ...valid, [name]: bad }) });
  }
  for (const extra of ['unknown', '__proto__', 'constructor', 'access_token', 'code']) mutations.push({ label: `extra ${extra}`, invalid: true, apply: (valid) => ({ ...valid, [extra]: '1' }) });
  mutations.push({ label: 'query over 4096 characters', invalid: true, apply: (valid) => ({ ...valid, pad: 'A'.repeat(4100) }) });
  return mutations;
}

/** Fixed seeds of a raw command: tokens, methods, hostile ids per parameter, ranges. */
export function rawSeeds(schema: JsonSchema, valid: Record<string, string>, context: Pick<SeedContext, 'evilOrigin' | 'randomBytes'>): FuzzRequest[] {
  const { randomBytes } = context;
  const seeds: FuzzRequest[] = [
    { label: 'no token', query: valid, authorization: null, expect: [401] },
    { label: 'random bearer', query: valid, authorization: `Bearer ${randomBytes(24).toString('base64url')}`, expect: [401] },
    { label: 'token in the URL only', query: { ...valid, access_token: 'x' }, authorization: null, expect: [401] },
    { label: 'bearer over 8 KB', query: valid, authorization: `Bearer ${'A'.repeat(9000)}`, expect: [401] },
    { label: 'POST', query: valid, method: 'POST', body: valid, expect: [405] },
    { label: 'PUT', query: valid, method: 'PUT', body: valid, expect: [405] },
    { label: 'DELETE', query: valid, method: 'DELETE', expect: [405] },
    { label: 'no query', query: '', expect: [400] },
    { label: 'a query of random bytes', query: randomBytes(40).toString('latin1'), expect: [400] },
    { label: 'a JSON body on GET is ignored', query: valid, contentType: 'application/json' },
    ...rangeHeaders.map((range) => ({ label: `Range ${JSON.stringify(range)}`, query: valid, headers: { range }, expect: range === 'bytes=999999999-' ? [416] : [200, 206] })),
    { label: 'Range with If-Range', query: valid, headers: { range: 'bytes=0-9', 'if-range': '"x"' }, expect: [200] },
  ];
  for (const field of schemaFields(schema).filter((f) => f.path.length === 1 && (f.kind === 'id' || f.kind === 'folder'))) {
    const name = field.path[0]!;
    for (const { value, validPattern } of hostileIds(context.evilOrigin)) {
      seeds.push({ label: `${name}: id ${JSON.stringify(value.slice(0, 24))}`, query: { ...valid, [name]: value }, expect: validPattern ? [404] : [400] });
    }
  }
  return seeds;
}

/** Valid queries: mostly the scenario's own (real ids that answer 2xx), with or without a Range. */
export function validQueries(own: Array<Record<string, string>>, fromSchema: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest> {
  const query = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fromSchema.map((value) => value as Record<string, string>) });
  return fc.tuple(query, fc.option(fc.constantFrom(...rangeHeaders.filter((r) => r !== 'bytes=999999999-')))).map(([q, range]) => ({
    label: 'valid',
    query: q,
    ...(range === null ? {} : { headers: { range } }),
  }));
}
