import type { Attachment } from '@microsoft/microsoft-graph-types';
import { allItemsOf } from '../../graph/batch/batchPage';
import type { GraphClient } from '../../graph/graphRequest';
import { attachmentDeleteRequest } from '../../graph/requests/draftRequests';
import { messageAttachmentsRequest } from '../../graph/requests/messageRequests';

type Listed = Pick<Attachment, 'id' | 'name' | 'size'>;

/** Removes attachments from a draft; one already gone (404, a repeat) is done. Other failures throw. */
export async function removeAttachments(graph: GraphClient, draftId: string, attachmentIds: readonly string[]): Promise<void> {
  if (attachmentIds.length === 0) return;
  const results = await graph.batch(attachmentIds.map((attachmentId) => attachmentDeleteRequest(draftId, attachmentId)));
  const failed = results.find((result) => !result.ok && result.error.code !== 'not_found');
  if (failed && !failed.ok) throw failed.error;
}

/**
 * The draft's copies of the original's attachments `dropIds` (a forward copies them under new ids):
 * matched by name and size, each copy once. UNVERIFIED: that Exchange keeps name and size on the copy.
 * Ids the original does not have are ignored. Pure.
 */
export function copiesOf(original: readonly Listed[], draft: readonly Listed[], dropIds: readonly string[]): string[] {
  const taken = new Set<string>();
  for (const dropId of dropIds) {
    const source = original.find((a) => a.id === dropId);
    const copy = source && draft.find((a) => a.id && !taken.has(a.id) && a.name === source.name && a.size === source.size);
    if (copy?.id) taken.add(copy.id);
  }
  return [...taken];
}

/** Takes the original's attachments `dropIds` off a forward draft. */
export async function dropForwardedAttachments(graph: GraphClient, originalId: string, draftId: string, dropIds: readonly string[]): Promise<void> {
  const select = ['id', 'name', 'size'];
  const [original, draft] = await graph.batch([messageAttachmentsRequest(originalId, select), messageAttachmentsRequest(draftId, select)]);
  const [originalList, draftList] = await Promise.all([allItemsOf<Listed>(graph, original!, 'messages.attachments'), allItemsOf<Listed>(graph, draft!, 'messages.attachments')]);
  await removeAttachments(graph, draftId, copiesOf(originalList, draftList, dropIds));
}
