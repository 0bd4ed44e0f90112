import { schemaFields, type JsonSchema } from './jsonSchema';
import { setAt } from './schemaMutations';

/** One hostile request to a command. Unset fields mean: alice's token, `application/json`, POST. */
export interface FuzzRequest {
  label: string;
  /** Serialized with JSON.stringify. */
  body?: unknown;
  /** Sent as is instead of `body`. */
  rawBody?: string | Uint8Array;
  /** `null`: no Content-Type header. */
  contentType?: string | null;
  /** `null`: no Authorization header. */
  authorization?: string | null;
  method?: string;
  /** A raw (GET) command's query: parameters, or a query string sent as it is. */
  query?: Record<string, string> | string;
  /** Further request headers (a download's `Range`). */
  headers?: Record<string, string>;
  /** Statuses the answer must have, where the seed settles it. */
  expect?: number[];
}

/** Deterministic bytes (mulberry32), so a seed run replays exactly from FERRY_FUZZ_SEED. */
export function seededBytes(seed: number): (length: number) => Buffer {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return (length) => Buffer.from(Array.from({ length }, next));
}

export interface SeedContext {
  /** A valid body of this command for alice (from its scenario). */
  valid: Record<string, unknown>;
  /** Sealed values alice got from this command. */
  ownStates: string[];
  /** Sealed values another user got from this command. */
  foreignStates: string[];
  /** Origin of a loopback listener that must never be called. */
  evilOrigin: string;
  /** Source of the "random" seeds' bytes. */
  randomBytes: (length: number) => Buffer;
  /**
   * What a well-formed id this mailbox does not have answers: 404, and for a command that may answer
   * `202 pending` (mail/send: a message being sent 404s a while, so an unknown id is "in flight or
   * deleted") also 202.
   */
  unknownIdStatuses?: number[];
}

/** Ids a device could send to bend a Graph path or query, or point Ferry at another host. */
export function hostileIds(evilOrigin: string): Array<{ value: string; validPattern: boolean }> {
  const invalid = ['a/b', '..', '.', '../me', 'a?b', 'a#b', 'a%2Fb', '%2e%2e', '$batch', "a'b", 'a b', 'a\\b', `${evilOrigin}/x`, '//evil.example/x', 'https://evil.example/', 'A'.repeat(513), '\u0000', 'inbox/../../users/bob'];
  const valid = ['AAMk' + 'A'.repeat(300), '-', '=', 'A'.repeat(512)];
  return [...invalid.map((value) => ({ value, validPattern: false })), ...valid.map((value) => ({ value, validPattern: true }))];
}

/**
 * The fixed seeds of the issue for one command: bad JSON, `null`, NUL, invalid UTF-8, `"\ud800"` in
 * every string field, hostile ids in every id field, `AAMk` + 300 `A`, random, cut and foreign states,
 * wrong content types, random bearers, wrong methods.
 */
export function fuzzSeeds(schema: JsonSchema, context: SeedContext): FuzzRequest[] {
  const { valid, randomBytes } = context;
  const seeds: FuzzRequest[] = [
    { label: 'bad JSON', rawBody: '{"a":', expect: [400] },
    { label: 'null', rawBody: 'null', expect: [400] },
    { label: 'a JSON string', rawBody: '"x"', expect: [400] },
    { label: 'an array', rawBody: '[]', expect: [400] },
    { label: 'empty body', rawBody: '', expect: [400] },
    { label: 'a raw NUL in a string', rawBody: '{"x":"\u0000"}', expect: [400] },
    { label: 'a NUL byte alone', rawBody: new Uint8Array([0]), expect: [400] },
    { label: 'invalid UTF-8', rawBody: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), expect: [400] },
    { label: 'overlong UTF-8', rawBody: new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]), expect: [400] },
    { label: 'UTF-8 BOM', rawBody: '\ufeff' + JSON.stringify(valid) },
    { label: '10,000 open brackets', rawBody: '['.repeat(10_000), expect: [400] },
    { label: 'a number past double range', rawBody: '{"window":1e400}', expect: [400] },
    { label: 'duplicate keys', rawBody: `${JSON.stringify(valid).slice(0, -1)}${Object.keys(valid).length ? ',' : ''}"__proto__":{"polluted":1}}`, expect: [400] },
    { label: 'random bytes', rawBody: new Uint8Array(randomBytes(64)) },
    { label: 'wrong content type', body: valid, contentType: 'text/plain', expect: [415] },
    { label: 'form content type', body: valid, contentType: 'application/x-www-form-urlencoded', expect: [415] },
    { label: 'JSON with another charset', body: valid, contentType: 'application/json; charset=latin1', expect: [415] },
    { label: 'no content type', body: valid, contentType: null, expect: [415] },
    { label: 'no token', body: valid, authorization: null, expect: [401] },
    { label: 'random bearer', body: valid, authorization: `Bearer ${randomBytes(24).toString('base64url')}`, expect: [401] },
    { label: 'random three-part bearer', body: valid, authorization: `Bearer ${[1, 2, 3].map(() => randomBytes(16).toString('base64url')).join('.')}`, expect: [401] },
    { label: 'bearer over 8 KB', body: valid, authorization: `Bearer ${'A'.repeat(9000)}`, expect: [401] },
    { label: 'GET', method: 'GET', expect: [405] },
    { label: 'PUT', method: 'PUT', body: valid, expect: [405] },
    { label: 'DELETE', method: 'DELETE', expect: [405] },
  ];
  for (const field of schemaFields(schema)) {
    if (field.path.includes('0')) continue;
    const name = field.path.join('.');
    const types = [field.schema.type, ...((field.schema.anyOf as JsonSchema[] | undefined) ?? []).map((b) => b.type)];
    if (types.includes('string')) {
      // JSON.stringify writes a lone surrogate as the escape `\ud800`, which is what a device would send.
      seeds.push({ label: `${name}: escaped lone surrogate`, rawBody: JSON.stringify(setAt(valid, field.path, 'a\ud800')), expect: [400] });
      seeds.push({ label: `${name}: escaped NUL`, body: setAt(valid, field.path, '\u0000') });
      seeds.push({ label: `${name}: random text`, body: setAt(valid, field.path, randomBytes(12).toString('latin1')) });
    }
    if (field.kind === 'id' || field.kind === 'folder') {
      for (const { value, validPattern } of hostileIds(context.evilOrigin)) {
        seeds.push({ label: `${name}: id ${JSON.stringify(value.slice(0, 24))}`, body: setAt(valid, field.path, value), expect: validPattern ? context.unknownIdStatuses ?? [404] : [400] });
      }
    }
    if (field.kind === 'state' || field.kind === 'cursor' || field.kind === 'upload') {
      for (const own of context.ownStates.slice(0, 2)) {
        seeds.push({ label: `${name}: cut in half`, body: setAt(valid, field.path, own.slice(0, Math.floor(own.length / 2))), expect: [410] });
        seeds.push({ label: `${name}: last character changed`, body: setAt(valid, field.path, own.slice(0, -1) + (own.endsWith('A') ? 'B' : 'A')), expect: [410] });
      }
      for (const foreign of context.foreignStates.slice(0, 2)) seeds.push({ label: `${name}: another user's`, body: setAt(valid, field.path, foreign), expect: [410] });
      seeds.push({ label: `${name}: random`, body: setAt(valid, field.path, randomBytes(200).toString('base64url')), expect: [410] });
      seeds.push({ label: `${name}: over 4096 characters`, body: setAt(valid, field.path, 'A'.repeat(4097)), expect: [410] });
      seeds.push({ label: `${name}: a URL`, body: setAt(valid, field.path, `${context.evilOrigin}/state`), expect: [410] });
    }
  }
  return seeds;
}
