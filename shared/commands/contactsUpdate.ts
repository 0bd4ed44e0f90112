import type { Contact as GraphContact } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graphRequest';
import { GraphRequestError } from '../graph/graphErrors';
import { contactUpdateRequest, folderContactGetRequest } from '../graph/requests/contactRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { contactsUpdateRequest, contactsUpdateResponse, type Contact, type ContactChanges, type ContactsUpdateRequest } from '../protocol/schemas/contacts';
import type { CommandContext } from '../runtime/commandContext';
import { canonicalJson } from './drafts/draftStamp';
import { contactSelectFields, toDeviceContact } from '../translate/toDeviceContact';
import { checkContactChanges, comparableField, toGraphContactFields } from '../translate/toGraphContactFields';
import { withFolder } from './contacts/contactAnswer';

type ReadContact = GraphContact & { '@odata.etag'?: string };
type Field = keyof ContactChanges;

/**
 * What the contact as it is now says about an update: every field of `set` already holds its value
 * (a repeat: nothing to do), one holds neither `base` nor `set` (someone else changed it: conflict), or
 * the update goes ahead. Pure.
 */
export function judgeUpdate(current: Contact, base: ContactChanges, set: ContactChanges): 'done' | 'conflict' | 'patch' {
  const fields = Object.keys(set).filter((field) => set[field as Field] !== undefined) as Field[];
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  const now = (field: Field) => comparableField(current, field);
  if (fields.every((field) => same(now(field), comparableField(set, field)))) return 'done';
  if (fields.some((field) => !same(now(field), comparableField(base, field)) && !same(now(field), comparableField(set, field)))) return 'conflict';
  return 'patch';
}

const readFields = [...contactSelectFields, 'parentFolderId'];

async function read(graph: GraphClient, input: ContactsUpdateRequest): Promise<{ graph: ReadContact; contact: Contact & { folderId: string } }> {
  const answer = await graph.send<ReadContact>(folderContactGetRequest(input.folderId, input.id, readFields));
  return { graph: answer.body, contact: withFolder(answer.body, input.folderId) };
}

const isStale = (error: unknown) => error instanceof GraphRequestError && error.graphStatus === 412;

export const contactsUpdateCommand: CommandDefinition<typeof contactsUpdateRequest, typeof contactsUpdateResponse, CommandContext> = {
  route: 'contacts/update',
  functionName: 'contactsUpdate',
  summary: 'Change a contact, unless it changed since the device saw it',
  description:
    "Changes the fields of `set` (`emails`, `phones`, `addresses` replace the whole list; fields left out are untouched). `base` holds the values the device last saw of exactly those fields: if the contact now holds other values (changed elsewhere) nothing changes and the answer is 409 `conflict`. Safe to repeat: a contact that already holds `set` is answered as it is. A contact that is not in `folderId` (any more) is `not_found`.",
  request: contactsUpdateRequest,
  response: contactsUpdateResponse,
  errors: ['not_found', 'conflict', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const setFields = Object.keys(input.set).filter((k) => input.set[k as Field] !== undefined).sort();
    const baseFields = Object.keys(input.base).filter((k) => input.base[k as Field] !== undefined).sort();
    if (canonicalJson(setFields) !== canonicalJson(baseFields)) throw new FerryError('bad_request', { detail: '`base` must hold exactly the fields of `set`.' });
    checkContactChanges(input.set);
    const { contact, patches } = await updateOnce(context.graph, input);
    context.logger.info('contacts.update', { fields: setFields.length, patches });
    return { contact };
  },
};

/**
 * Read, judge, PATCH with If-Match (UNVERIFIED on contacts). On 412 (changed between the read and the
 * PATCH) read and judge again, then one more PATCH; a second 412 is a conflict.
 */
async function updateOnce(graph: GraphClient, input: ContactsUpdateRequest): Promise<{ contact: Contact & { folderId: string }; patches: number }> {
  const changes = toGraphContactFields(input.set);
  for (let patches = 0; ; patches++) {
    const current = await read(graph, input);
    const verdict = judgeUpdate(current.contact, input.base, input.set);
    if (verdict === 'done') return { contact: current.contact, patches };
    if (verdict === 'conflict' || patches >= 2) throw new FerryError('conflict', { logReason: verdict === 'conflict' ? 'changed' : 'changed_twice' });
    try {
      const answer = await graph.send<GraphContact>(contactUpdateRequest(input.folderId, input.id, changes, current.graph['@odata.etag']));
      return { contact: withFolder(answer.body, input.folderId), patches: patches + 1 };
    } catch (error) {
      if (!isStale(error)) throw error;
    }
  }
}
