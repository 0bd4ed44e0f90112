import type { BatchResult, GraphClient } from '../graph/graphRequest';
import { contactFolderGetRequest, contactPhotoRequest, folderContactGetRequest } from '../graph/requests/contactRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { contactsPhotosRequest, contactsPhotosResponse, type ContactsPhotosResponse } from '../protocol/schemas/contacts';
import type { CommandContext } from '../runtime/commandContext';

type Photo = ContactsPhotosResponse['photos'][number];

const isMissing = (result: BatchResult) => !result.ok && result.response?.status === 404;

/** A 2xx photo item: its bytes (JSON batching carries them base64; the batch reader decodes them). */
function toPhoto(id: string, result: BatchResult): Photo {
  if (!result.ok) throw result.error;
  const body = result.response.body;
  if (!(body instanceof Uint8Array)) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
  const contentType = result.response.headers['content-type'];
  return { id, status: 'ok', ...(contentType ? { contentType } : {}), data: Buffer.from(body).toString('base64') };
}

export const contactsPhotosCommand: CommandDefinition<typeof contactsPhotosRequest, typeof contactsPhotosResponse, CommandContext> = {
  route: 'contacts/photos',
  functionName: 'contactsPhotos',
  summary: 'Fetch the photos of up to 20 contacts of one folder',
  description:
    "One answer per id, in order: `ok` with the photo (base64 `data` and its `contentType`), `none` when the contact has no photo, `not_found` when the folder holds no such contact. Graph v1.0 has no \"has a photo\" field: ask when showing a contact and when its `changeKey` moves (whether a photo change moves it is UNVERIFIED).",
  request: contactsPhotosRequest,
  response: contactsPhotosResponse,
  errors: ['folder_not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ folderId, ids }, context) {
    const results = await context.graph.batch(ids.map((id) => contactPhotoRequest(folderId, id)));
    const missing = ids.filter((_, index) => isMissing(results[index]!));
    const exists = missing.length === 0 ? new Map<string, boolean>() : await whichExist(context.graph, folderId, missing);
    const photos = ids.map((id, index): Photo => {
      const result = results[index]!;
      if (!isMissing(result)) return toPhoto(id, result);
      return { id, status: exists.get(id) ? 'none' : 'not_found' };
    });
    context.logger.info('contacts.photos', { asked: ids.length, found: photos.filter((p) => p.status === 'ok').length, missing: missing.length });
    return { photos };
  },
};

/**
 * A photo's 404 says only that there is no photo there: one more `$batch` asks for the folder and for
 * those contacts. An unknown folder is folder_not_found; a contact that is there has no photo (`none`).
 */
async function whichExist(graph: GraphClient, folderId: string, ids: readonly string[]): Promise<Map<string, boolean>> {
  const [folder, ...contacts] = await graph.batch([contactFolderGetRequest(folderId, ['id']), ...ids.map((id) => folderContactGetRequest(folderId, id, ['id']))]);
  if (!folder!.ok) {
    if (isMissing(folder!)) throw new FerryError('folder_not_found', { cause: folder!.error, logReason: folder!.error.logReason });
    throw folder!.error;
  }
  return new Map(
    ids.map((id, index) => {
      const result = contacts[index]!;
      if (!result.ok && !isMissing(result)) throw result.error;
      return [id, result.ok];
    }),
  );
}
