import type { Contact as GraphContact } from '@microsoft/microsoft-graph-types';
import { FerryError } from '../../protocol/ferryError';
import type { Contact } from '../../protocol/schemas/contacts';
import { toDeviceContact } from '../../translate/toDeviceContact';

/**
 * A contact as contacts/create and contacts/update answer it: the Contact and its folder (Graph's
 * `parentFolderId`, else the folder the request named). A contact Graph sent without the selected
 * fields, or without any folder, is an answer Ferry cannot translate.
 */
export function withFolder(graph: GraphContact, folderId: string | undefined): Contact & { folderId: string } {
  const folder = typeof graph.parentFolderId === 'string' && graph.parentFolderId !== '' ? graph.parentFolderId : folderId;
  if (folder === undefined) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
  let contact: Contact;
  try {
    contact = toDeviceContact(graph);
  } catch (error) {
    throw new FerryError('upstream_error', { cause: error, logReason: 'invalid_answer' });
  }
  return { ...contact, folderId: folder };
}
