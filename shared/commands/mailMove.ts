import type { GraphRequestError } from '../graph/graphErrors';
import { messageMoveRequest } from '../graph/requests/messageRequests';
import { wellKnownFolderRequest } from '../graph/requests/folderRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { bulkResponse, isMoveDestinationKind, mailMoveRequest, moveDestinationKinds } from '../protocol/schemas/mailActions';
import type { CommandContext } from '../runtime/commandContext';
import { countResults, movedItem } from './bulk/itemResult';

/** The destination as Graph takes it: a kind as its well-known name, a folder id as it is. Pure. */
export function graphDestination(destinationId: string): string {
  return isMoveDestinationKind(destinationId) ? moveDestinationKinds[destinationId] : destinationId;
}

export const mailMoveCommand: CommandDefinition<typeof mailMoveRequest, typeof bulkResponse, CommandContext> = {
  route: 'mail/move',
  functionName: 'mailMove',
  summary: 'Move up to 100 messages to a folder',
  description:
    'Moves every message of `ids` to `destinationId` (a folder id, or the kind `inbox`, `deleted`, `archive` or `junk`), with one result per id in the order of `ids`; a moved message\'s result names its folder (`folderId`). An unknown destination is `folder_not_found`. One failing id never fails the others.',
  request: mailMoveRequest,
  response: bulkResponse,
  errors: ['folder_not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const destination = graphDestination(input.destinationId);
    // The destination is asked in the same `$batch` as the moves: a move to a folder that does not
    // exist answers 404 like a move of a message that does not, so only its own look-up tells them apart.
    const [folder, ...moves] = await context.graph.batch([wellKnownFolderRequest(destination), ...input.ids.map((id) => messageMoveRequest(id, destination))]);
    const results = input.ids.map((id, index) => movedItem(id, moves[index]!));
    if (!folder!.ok && results.every((result) => result.status !== 'ok')) {
      const error: GraphRequestError = folder!.error;
      if (error.code === 'not_found') throw new FerryError('folder_not_found', { logReason: 'destination_not_found' });
    }
    context.logger.info('mail.move', { ids: input.ids.length, kind: isMoveDestinationKind(input.destinationId) ? input.destinationId : 'id', ...countResults(results) });
    return { results };
  },
};
