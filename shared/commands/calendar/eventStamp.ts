import { ferryPropertySet } from '../drafts/draftStamp';
import { contactStamp, type ContactStamp } from '../contacts/contactStamp';

/**
 * Ferry's stamp on the events it creates (issue 18, calendar/create): the key,
 * base64url(SHA-256(tid|oid|clientEventId)), sent as Graph's `transactionId` and as a named String
 * extended property found by `$filter`, and the request hash, which tells the same key with another
 * request apart. Derived exactly as contacts' stamp (contactStamp.ts); names case-sensitive. Pure.
 */
export const eventKeyPropertyId = `String ${ferryPropertySet} Name FerryEventKey`;
export const eventHashPropertyId = `String ${ferryPropertySet} Name FerryEventRequest`;

export type EventStamp = ContactStamp;

export function eventStamp(tid: string, oid: string, clientEventId: string, request: unknown): EventStamp {
  return contactStamp(tid, oid, clientEventId, request);
}

/** The stamp as Graph takes it in a create body. */
export function eventStampProperties(stamp: EventStamp): Array<{ id: string; value: string }> {
  return [
    { id: eventKeyPropertyId, value: stamp.key },
    { id: eventHashPropertyId, value: stamp.hash },
  ];
}
