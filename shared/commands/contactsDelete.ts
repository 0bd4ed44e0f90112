import { contactDeleteRequest } from '../graph/requests/contactRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { contactsDeleteRequest, contactsDeleteResponse } from '../protocol/schemas/contacts';
import type { CommandContext } from '../runtime/commandContext';

export const contactsDeleteCommand: CommandDefinition<typeof contactsDeleteRequest, typeof contactsDeleteResponse, CommandContext> = {
  route: 'contacts/delete',
  functionName: 'contactsDelete',
  summary: 'Delete a contact',
  description: 'Deletes the contact from `folderId`. A contact that is gone, or not in that folder, is 404 `not_found` (to a repeated delete: done).',
  request: contactsDeleteRequest,
  response: contactsDeleteResponse,
  errors: ['not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ id, folderId }, context) {
    await context.graph.send(contactDeleteRequest(folderId, id));
    context.logger.info('contacts.delete', {});
    return {};
  },
};
