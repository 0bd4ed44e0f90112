import type { Contact as GraphContact } from '@microsoft/microsoft-graph-types';
import { contactsSyncRequest, contactsSyncResponse, type Contact } from '../protocol/schemas/contacts';
import { graphId } from '../protocol/schemas/common';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { contactDeltaLinkRequest, contactDeltaRequest, contactFolderGetRequest, contactGetRequest } from '../graph/requests/contactRequests';
import { defineSyncCommand } from '../sync/defineSyncCommand';
import type { MembershipCheck } from '../sync/fillInPartialItems';
import { contactSelectFields, toDeviceContact, toDeviceDegradedContact } from '../translate/toDeviceContact';

const defaultWindow = 100;

export const contactsSyncCommand = defineSyncCommand({
  route: 'contacts/sync',
  functionName: 'contactsSync',
  summary: 'Sync one contact folder',
  description:
    "Every contact of one folder (of `contacts/folders`, the default one included) on the first round, then only changes; the folder's subfolders are collections of their own. `removed` takes a contact out of this folder only: one moved to another folder arrives in that folder's sync. `window` bounds the entries of one answer. `more`, `reset` and `state` follow the sync rules.",
  request: contactsSyncRequest,
  response: contactsSyncResponse,
  errors: ['sync_state_invalid', 'folder_not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  stateKind: 'contacts',
  stateShape: {
    /** The folder this state syncs (also bound into the token as collection `contacts:<folderId>`). */
    folderId: graphId,
  },
  collection: (input) => `contacts:${input.folderId}`,
  async plan(input) {
    return {
      state: { folderId: input.folderId },
      window: input.window ?? defaultWindow,
      // UNVERIFIED: the default folder's delta by its id (v1.0 documents only the per-folder delta).
      startRequest: (maxPageSize) => contactDeltaRequest(input.folderId, contactSelectFields, maxPageSize),
      linkRequest: contactDeltaLinkRequest,
      select: contactSelectFields,
      fillInRequest: (id, missing) => contactGetRequest(id, missing),
      membership: inFolder(input.folderId),
      toDevice: (contact: GraphContact): Contact => toDeviceContact(contact),
      // One contact Ferry cannot translate whole goes out with `unavailable` rather than failing the answer.
      toDeviceDegraded: (contact: GraphContact): Contact => toDeviceDegradedContact(contact),
      mapError: toFolderNotFound,
    };
  },
});

/** A filled-in contact still belongs to the synced folder when its `parentFolderId` is that folder's id; one moved away is reported removed. */
function inFolder(folderId: string): MembershipCheck {
  return {
    fields: ['parentFolderId'],
    request: contactFolderGetRequest(folderId, ['id']),
    belongs(fetched, folder) {
      const id = (folder as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string') throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
      return fetched.parentFolderId === undefined || fetched.parentFolderId === id;
    },
  };
}

/** Graph's 404 on a folder's contact delta means the folder is gone: the device drops that collection. */
function toFolderNotFound(error: unknown): unknown {
  if (isFerryError(error) && error.code === 'not_found') return new FerryError('folder_not_found', { cause: error, logReason: error.logReason });
  return error;
}
