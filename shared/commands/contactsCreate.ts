import type { Contact as GraphContact } from '@microsoft/microsoft-graph-types';
import type { GraphClient, GraphResponse } from '../graph/graphRequest';
import { contactCreateRequest, contactDeleteRequest, contactFindByPropertyRequest } from '../graph/requests/contactRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { contactsCreateRequest, contactsCreateResponse, type ContactsCreateRequest } from '../protocol/schemas/contacts';
import type { CommandContext } from '../runtime/commandContext';
import { contactSelectFields } from '../translate/toDeviceContact';
import { checkContactChanges, toGraphContactFields } from '../translate/toGraphContactFields';
import { contactHashPropertyId, contactKeyPropertyId, contactStamp, contactStampProperties, type ContactStamp } from './contacts/contactStamp';
import { withFolder } from './contacts/contactAnswer';

type StampedContact = GraphContact & { id: string; singleValueExtendedProperties?: Array<{ id?: string; value?: string }> };

/** More than one hit means concurrent or lost creates made doubles; the oldest is the one kept. */
const lookUpTop = 10;
const lookUpFields = [...contactSelectFields, 'parentFolderId', 'createdDateTime'];

const hashOf = (contact: StampedContact) => contact.singleValueExtendedProperties?.find((p) => p.id?.toLowerCase() === contactHashPropertyId.toLowerCase())?.value;
const byAge = (a: StampedContact, b: StampedContact) => (a.createdDateTime ?? '').localeCompare(b.createdDateTime ?? '') || a.id.localeCompare(b.id);

/** The target folder's contacts carrying this key, oldest first. A folder Graph does not know is folder_not_found. */
async function findStamped(graph: GraphClient, folderId: string | undefined, stamp: ContactStamp): Promise<StampedContact[]> {
  try {
    const answer = await graph.send<{ value?: StampedContact[] }>(contactFindByPropertyRequest(folderId, contactKeyPropertyId, stamp.key, contactHashPropertyId, lookUpFields, lookUpTop));
    return (answer.body.value ?? []).filter((c) => typeof c?.id === 'string').sort(byAge);
  } catch (error) {
    if (folderId !== undefined && isFerryError(error) && error.code === 'not_found') throw new FerryError('folder_not_found', { cause: error, logReason: error.logReason });
    throw error;
  }
}

/**
 * What the look-up found: nothing; the same key with another request's hash (409); or the contacts this
 * request made, oldest first. Pure.
 */
export function judgeStampedContacts(found: readonly StampedContact[], stamp: ContactStamp): { kind: 'none' } | { kind: 'reused' } | { kind: 'made'; contacts: StampedContact[] } {
  if (found.length === 0) return { kind: 'none' };
  if (found.some((c) => hashOf(c) !== stamp.hash)) return { kind: 'reused' };
  return { kind: 'made', contacts: [...found].sort(byAge) };
}

export const contactsCreateCommand: CommandDefinition<typeof contactsCreateRequest, typeof contactsCreateResponse, CommandContext> = {
  route: 'contacts/create',
  functionName: 'contactsCreate',
  summary: 'Create a contact, exactly once per clientContactId',
  description:
    'Creates the contact in `folderId` (without it, the default folder). A repeat with the same `clientContactId` and request answers the contact made before; the same `clientContactId` with another request is 409 `idempotency_key_reused`. Limit: a repeat after the user moved the contact to another folder creates another. At most 3 emails, one mobile phone, two home and two business phones, one address per type (400 past them).',
  request: contactsCreateRequest,
  response: contactsCreateResponse,
  errors: ['folder_not_found', 'idempotency_key_reused', 'outcome_unknown', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    checkContactChanges(input.contact);
    const stamp = contactStamp(context.caller.tid, context.caller.oid, input.clientContactId, { folderId: input.folderId, contact: input.contact });
    const { contact, status, removedDoubles } = await createOnce(context.graph, input, stamp);
    context.logger.info('contacts.create', { status, removedDoubles });
    return { contact: withFolder(contact, input.folderId) };
  },
};

async function createOnce(graph: GraphClient, input: ContactsCreateRequest, stamp: ContactStamp): Promise<{ contact: StampedContact; status: 'created' | 'existing'; removedDoubles: number }> {
  const verdict = judgeStampedContacts(await findStamped(graph, input.folderId, stamp), stamp);
  if (verdict.kind === 'reused') throw new FerryError('idempotency_key_reused', { logReason: 'contact_key_reused' });
  if (verdict.kind === 'made') return { contact: verdict.contacts[0]!, status: 'existing', removedDoubles: 0 };

  const body = { ...toGraphContactFields(input.contact), singleValueExtendedProperties: contactStampProperties(stamp) };
  // A create of unknown outcome (a lost answer, a 503/504 after Graph acted) is looked up by its stamp.
  const lookUp = async (client: GraphClient): Promise<GraphResponse<StampedContact> | undefined> => {
    const found = judgeStampedContacts(await findStamped(client, input.folderId, stamp), stamp);
    return found.kind === 'made' ? { status: 201, headers: {}, body: found.contacts[0]! } : undefined;
  };
  const created = (await sendWithLookUp<StampedContact>(graph, contactCreateRequest(input.folderId, body), lookUp)).body;

  // Two identical requests at once both found nothing and both created. Each deletes only its own, and
  // only when another is first by (createdDateTime, id): two that see each other keep the same one, and
  // one that saw only itself keeps its own (the other, later, sees it first unless both fall in the same
  // second, Graph's precision: then both stay, a double rather than an answer naming a deleted contact).
  // UNVERIFIED: that the $filter reads its own writes at once; a lagging one leaves the double too.
  const again = judgeStampedContacts(await findStamped(graph, input.folderId, stamp), stamp);
  const first = again.kind === 'made' ? again.contacts[0]! : created;
  if (first.id === created.id) return { contact: created, status: 'created', removedDoubles: 0 };
  await deleteIfThere(graph, created.parentFolderId ?? input.folderId, created.id);
  return { contact: first, status: 'existing', removedDoubles: 1 };
}

/** This request's own double; gone already (a repeat of the DELETE) is what was asked. */
async function deleteIfThere(graph: GraphClient, folderId: string | undefined, id: string): Promise<void> {
  if (folderId === undefined) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
  try {
    await graph.send(contactDeleteRequest(folderId, id));
  } catch (error) {
    if (!(isFerryError(error) && error.code === 'not_found')) throw error;
  }
}
