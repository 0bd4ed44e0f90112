import { messageDeleteRequest, messageGetRequest, messageMoveRequest } from '../graph/requests/messageRequests';
import { recoverableItemsRequest, wellKnownFolderNames, wellKnownFolderRequest } from '../graph/requests/folderRequests';
import { recoverableItemsIdOf } from '../graph/recoverableItems';
import type { BatchResult } from '../graph/graphRequest';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { bulkResponse, mailDeleteRequest, type ItemResult } from '../protocol/schemas/mailActions';
import type { CommandContext } from '../runtime/commandContext';
import { countResults, failedItem, movedItem } from './bulk/itemResult';
import { deleteMessages, judgeDeletes } from './bulk/deleteMessages';

function idOf(result: BatchResult): string | undefined {
  const id = result.ok ? (result.response.body as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * What `permanent: false` does with one message, by its folder: already in Recoverable Items (deleted
 * before): done; in Deleted Items: DELETE; elsewhere: move to Deleted Items. Pure.
 */
export function deletePlan(parentFolderId: unknown, deletedItemsId: string, recoverableItemsId: string | undefined): 'done' | 'delete' | 'move' {
  if (recoverableItemsId !== undefined && parentFolderId === recoverableItemsId) return 'done';
  return parentFolderId === deletedItemsId ? 'delete' : 'move';
}

export const mailDeleteCommand: CommandDefinition<typeof mailDeleteRequest, typeof bulkResponse, CommandContext> = {
  route: 'mail/delete',
  functionName: 'mailDelete',
  summary: 'Delete up to 100 messages',
  description:
    'Without `permanent`, as Outlook does: every message of `ids` moves to Deleted Items (its result names that folder), and a message already there is deleted. With `permanent: true` every message is deleted (Exchange keeps it in Recoverable Items for the retention period, out of every folder). One result per id, in the order of `ids`; deleting a message already deleted is `ok` or `not_found`. One failing id never fails the others.',
  request: mailDeleteRequest,
  response: bulkResponse,
  errors: ['consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const { ids } = input;
    let results: ItemResult[];
    if (input.permanent === true) results = await deleteMessages(context.graph, ids);
    else {
      // One `$batch` reads where each message is and the ids of Deleted Items and Recoverable Items.
      const [deletedItems, recoverableItems, ...reads] = await context.graph.batch([
        wellKnownFolderRequest(wellKnownFolderNames.deleted),
        recoverableItemsRequest(),
        ...ids.map((id) => messageGetRequest(id, ['parentFolderId'])),
      ]);
      if (!deletedItems!.ok) throw deletedItems!.error;
      const deletedItemsId = idOf(deletedItems!);
      if (!deletedItemsId) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
      const recoverableItemsId = recoverableItemsIdOf(recoverableItems!);
      const slots: Array<ItemResult | undefined> = ids.map(() => undefined);
      const toDelete: number[] = [];
      const toMove: number[] = [];
      reads.forEach((read, index) => {
        if (!read.ok) return void (slots[index] = failedItem(ids[index]!, read.error));
        const plan = deletePlan((read.response.body as { parentFolderId?: unknown } | undefined)?.parentFolderId, deletedItemsId, recoverableItemsId);
        if (plan === 'done') slots[index] = { id: ids[index]!, status: 'ok' };
        else (plan === 'delete' ? toDelete : toMove).push(index);
      });
      // One `$batch` for both: DELETEs of what is in Deleted Items, moves of the rest.
      const sent = await context.graph.batch([
        ...toDelete.map((index) => messageDeleteRequest(ids[index]!)),
        ...toMove.map((index) => messageMoveRequest(ids[index]!, deletedItemsId)),
      ]);
      const deleted = await judgeDeletes(context.graph, toDelete.map((index) => ids[index]!), sent.slice(0, toDelete.length));
      toDelete.forEach((index, position) => (slots[index] = deleted[position]));
      toMove.forEach((index, position) => (slots[index] = movedItem(ids[index]!, sent[toDelete.length + position]!)));
      results = slots as ItemResult[];
    }
    context.logger.info('mail.delete', { ids: ids.length, permanent: input.permanent === true, ...countResults(results) });
    return { results };
  },
};
