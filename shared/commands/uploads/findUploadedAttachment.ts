import type { GraphClient } from '../../graph/graphRequest';
import { messageAttachmentsRequest } from '../../graph/requests/messageRequests';
import type { UploadToken } from './uploadToken';

interface Listed {
  id?: string;
  name?: string | null;
  contentId?: string | null;
  lastModifiedDateTime?: string | null;
}

/** `contentId` is a fileAttachment's property: `$select` takes it only with its cast. */
const select = ['id', 'name', 'lastModifiedDateTime', 'microsoft.graph.fileAttachment/contentId'];

/**
 * Graph stamps seconds, and its clock and Ferry's differ a little: an attachment up to this long
 * before the upload began still counts as the upload's. UNVERIFIED: how far the clocks drift.
 */
const clockSlackInMs = 5_000;

/**
 * The attachment an upload made, when a last write's outcome is unknown (a lost answer, a reset, a
 * repeat of the last chunk after the session closed): the draft's newest attachment with the upload's
 * name and contentId added since the upload began. Undefined: none (the write did not land). A second
 * file of the same name and contentId attached in that window by another client would be taken for
 * it; the doubles this can leave before `/send` are repairable (mail/draft/update), a double send is not.
 */
export async function findUploadedAttachment(graph: GraphClient, upload: UploadToken): Promise<string | undefined> {
  let found: { id: string; at: number } | undefined;
  for await (const page of graph.pages<Listed>(messageAttachmentsRequest(upload.draftId, select))) {
    for (const attachment of page.value) {
      const at = Date.parse(attachment.lastModifiedDateTime ?? '');
      if (!attachment.id || attachment.name !== upload.name || (attachment.contentId ?? undefined) !== upload.contentId) continue;
      if (!(at >= upload.start - clockSlackInMs)) continue;
      if (!found || at >= found.at) found = { id: attachment.id, at };
    }
  }
  return found?.id;
}
