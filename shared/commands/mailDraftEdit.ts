import { confirmDeletedAfter } from '../graph/confirmDeleted';
import { messageDeleteRequest, messageUpdateRequest } from '../graph/requests/messageRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { mailDraftDeleteRequest, mailDraftDeleteResponse, mailDraftUpdateRequest, mailDraftUpdateResponse, maxDraftRequestBytes } from '../protocol/schemas/drafts';
import type { CommandContext } from '../runtime/commandContext';
import { removeAttachments } from './drafts/draftAttachments';
import { requireDraft } from './drafts/requireDraft';
import { toGraphContent } from './drafts/draftContent';

const errors = ['not_found', 'not_allowed', 'send_in_progress', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'] as const;

export const mailDraftUpdateCommand: CommandDefinition<typeof mailDraftUpdateRequest, typeof mailDraftUpdateResponse, CommandContext> = {
  route: 'mail/draft/update',
  functionName: 'mailDraftUpdate',
  summary: 'Change a draft',
  description: 'Changes only the fields of `set` on the draft (a list replaces the whole list; `body` the whole body) and removes the attachments `removeAttachmentIds`. Safe to repeat. A message that is not a draft is 409 `not_allowed`; an unknown id `not_found`. Requests up to 1 MiB.',
  request: mailDraftUpdateRequest,
  response: mailDraftUpdateResponse,
  maxBodyBytes: maxDraftRequestBytes,
  errors: [...errors],
  async handler({ draftId, set, removeAttachmentIds }, context) {
    await requireDraft(context.graph, draftId);
    await removeAttachments(context.graph, draftId, removeAttachmentIds ?? []);
    await context.graph.send(messageUpdateRequest(draftId, toGraphContent(set)));
    context.logger.info('mail.draft.update', { fields: Object.keys(set).length, removedAttachments: removeAttachmentIds?.length ?? 0 });
    return { draftId };
  },
};

export const mailDraftDeleteCommand: CommandDefinition<typeof mailDraftDeleteRequest, typeof mailDraftDeleteResponse, CommandContext> = {
  route: 'mail/draft/delete',
  functionName: 'mailDraftDelete',
  summary: 'Delete a draft',
  description: 'Deletes the draft (Exchange keeps it in Recoverable Items, out of every folder). A message that is not a draft is 409 `not_allowed`; an unknown or already deleted id `not_found`.',
  request: mailDraftDeleteRequest,
  response: mailDraftDeleteResponse,
  errors: [...errors],
  async handler({ draftId }, context) {
    await requireDraft(context.graph, draftId);
    try {
      await context.graph.send(messageDeleteRequest(draftId));
    } catch (error) {
      // A retried DELETE that met its own earlier success (404/403) is done (confirmDeleted.ts).
      await confirmDeletedAfter(context.graph, draftId, error);
    }
    context.logger.info('mail.draft.delete', {});
    return {};
  },
};
