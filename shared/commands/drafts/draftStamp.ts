import { createHash } from 'node:crypto';

/**
 * Ferry's stamp on the drafts it makes: two named String extended properties in Ferry's own GUID
 * namespace (issue 15, "Exactly once"): the key, lowercase hex SHA-256 of `tid|oid|clientMessageId`
 * (found mailbox-wide by `$filter`), and the request hash, lowercase hex SHA-256 of the canonical
 * request (so the same key with another request is told apart). Lowercase hex because Graph compares
 * values case-insensitively. Pure.
 */
export const ferryPropertySet = '{b6d2a1f4-3c5e-4e8a-9f17-0a2c4e6b8d31}';
export const draftKeyPropertyId = `String ${ferryPropertySet} Name FerryDraftKey`;
export const draftHashPropertyId = `String ${ferryPropertySet} Name FerryDraftRequest`;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function draftKey(tid: string, oid: string, clientMessageId: string): string {
  return sha256Hex(`${tid}|${oid}|${clientMessageId}`);
}

/** JSON with object keys sorted at every level and undefined left out: equal requests, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(request: unknown): string {
  return sha256Hex(canonicalJson(request));
}

export interface DraftStamp {
  key: string;
  hash: string;
}

/** The stamp as Graph takes it in a create, `message` or PATCH body. */
export function stampProperties(stamp: DraftStamp): Array<{ id: string; value: string }> {
  return [
    { id: draftKeyPropertyId, value: stamp.key },
    { id: draftHashPropertyId, value: stamp.hash },
  ];
}
