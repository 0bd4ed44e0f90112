import { createHash } from 'node:crypto';
import { canonicalJson, ferryPropertySet } from '../drafts/draftStamp';

/**
 * Ferry's stamp on the contacts it creates (issue 19, "Writes"): v1.0 contacts have no transactionId,
 * so two named String extended properties in Ferry's GUID namespace (names case-sensitive): the key,
 * base64url(SHA-256(tid|oid|clientContactId)), found in the target folder by `$filter`, and the
 * request hash, base64url(SHA-256 of the canonical request), which tells the same key with another
 * request apart. The `$filter` may compare values without regard to case (as the simulator does): 43
 * base64url characters still leave over 200 bits. Pure.
 */
export const contactKeyPropertyId = `String ${ferryPropertySet} Name FerryContactKey`;
export const contactHashPropertyId = `String ${ferryPropertySet} Name FerryContactRequest`;

const sha256Base64Url = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

export interface ContactStamp {
  key: string;
  hash: string;
}

export function contactStamp(tid: string, oid: string, clientContactId: string, request: unknown): ContactStamp {
  return { key: sha256Base64Url(`${tid}|${oid}|${clientContactId}`), hash: sha256Base64Url(canonicalJson(request)) };
}

/** The stamp as Graph takes it in a create body. */
export function contactStampProperties(stamp: ContactStamp): Array<{ id: string; value: string }> {
  return [
    { id: contactKeyPropertyId, value: stamp.key },
    { id: contactHashPropertyId, value: stamp.hash },
  ];
}
