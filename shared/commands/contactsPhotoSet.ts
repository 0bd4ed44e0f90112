import { contactPhotoSetRequest } from '../graph/requests/contactRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { contactsPhotoSetRequest, contactsPhotoSetResponse, maxContactPhotoBytes, maxPhotoSetRequestBytes } from '../protocol/schemas/contacts';
import type { CommandContext } from '../runtime/commandContext';

export const contactsPhotoSetCommand: CommandDefinition<typeof contactsPhotoSetRequest, typeof contactsPhotoSetResponse, CommandContext> = {
  route: 'contacts/photo/set',
  functionName: 'contactsPhotoSet',
  summary: "Set a contact's photo",
  description:
    "Replaces the contact's photo with `data` (JPEG or PNG, base64, at most 1 MiB decoded; requests up to 1,500,000 bytes; 413 `payload_too_large` past either). Safe to repeat. There is no photo removal: Graph v1.0 deletes the photos of users and groups, not of contacts.",
  request: contactsPhotoSetRequest,
  response: contactsPhotoSetResponse,
  maxBodyBytes: maxPhotoSetRequestBytes,
  errors: ['not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ id, folderId, contentType, data }, context) {
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > maxContactPhotoBytes) throw new FerryError('payload_too_large', { detail: 'The photo is larger than 1 MiB.' });
    await context.graph.send(contactPhotoSetRequest(folderId, id, contentType, bytes));
    context.logger.info('contacts.photo.set', { bytes: bytes.length });
    return {};
  },
};
