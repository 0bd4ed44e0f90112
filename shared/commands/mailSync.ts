import type { Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { mailSyncRequest, mailSyncResponse, type Message } from '../protocol/schemas/mail';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { messageDeltaLinkRequest, messageDeltaRequest, messageGetRequest, type BodyContentType } from '../graph/requests/messageRequests';
import { runDeltaRound, isRemoved, pullingShareOfSyncBudget } from '../sync/runDeltaRound';
import { fillInPartialItems } from '../sync/fillInPartialItems';
import { openSyncState, sealSyncState, shouldStartFullRound, toEpochSeconds } from '../sync/syncStateCodec';
import { mailCollection } from '../state/stateBinding';
import { messageSelectFields } from '../translate/partialMessages';
import { toDeviceMessage } from '../translate/toDeviceMessage';

const defaultWindow = 50;

export const mailSyncCommand: CommandDefinition<typeof mailSyncRequest, typeof mailSyncResponse> = {
  route: 'mail/sync',
  functionName: 'mailSync',
  summary: 'Sync one mail folder',
  description:
    'Newest first on the first round, then only changes. `window` bounds the entries of one answer; `since` limits a first round to mail received since then (Graph returns at most 5,000 messages for a filtered round); `body` shapes bodies for a phone. `more`, `reset` and `state` follow the sync rules.',
  request: mailSyncRequest,
  response: mailSyncResponse,
  errors: ['sync_state_invalid', 'folder_not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const collection = mailCollection(input.folderId);
    // The state is checked before anything else: a bad one is 410 even where the folder is unknown too.
    const previous = input.state ? await openSyncState(context, input.state, collection, 'mail') : undefined;
    if (input.state && input.since) throw new FerryError('bad_request', { detail: '`since` applies to a first round only: send it without `state`.' });
    const body = previous?.body ?? input.body ?? { type: 'none' as const };
    if (previous && input.body && input.body.type !== body.type) {
      throw new FerryError('bad_request', { detail: '`body.type` is fixed for a sync round: restart without `state` to change it.' });
    }
    const maxChars = input.body?.maxChars ?? body.maxChars;
    const since = previous ? previous.since : input.since ? new Date(input.since).toISOString() : undefined;
    const bodyContentType: BodyContentType | undefined = body.type === 'none' ? undefined : body.type;
    const select = messageSelectFields(body);
    const now = context.clock.now();
    const startOver = !previous?.link || shouldStartFullRound(previous, now, context.config);
    const window = input.window ?? defaultWindow;

    const round = await withFolderNotFound(() =>
      runDeltaRound({
        graph: context.graph,
        clock: context.clock,
        window,
        stopPullingAt: now + context.config.FERRY_SYNC_BUDGET_MS * pullingShareOfSyncBudget,
        link: startOver ? undefined : previous!.link,
        startRequest: (maxPageSize) => messageDeltaRequest({ folderId: input.folderId, select, since, bodyContentType }, maxPageSize),
        linkRequest: (link, maxPageSize) => messageDeltaLinkRequest(link, maxPageSize, bodyContentType),
      }),
    );

    const removed: string[] = [];
    const present = new Map<string, GraphMessage>();
    for (const [id, entry] of round.changes) {
      if (isRemoved(entry)) removed.push(id);
      else present.set(id, entry as GraphMessage);
    }
    const { complete, vanished, filledIn } = await fillInPartialItems(context.graph, present, select, (id, missing) =>
      messageGetRequest(id, missing, missing.includes('body') ? bodyContentType : undefined),
    );
    removed.push(...vanished);
    const upserts: Message[] = [...complete.values()].map((message) =>
      toDeviceMessage(message, { body: { type: body.type, maxChars } }),
    );

    const state = await sealSyncState<'mail'>(context, collection, {
      kind: 'mail',
      folderId: input.folderId,
      link: round.link,
      inRound: round.inRound,
      roundStartedAt: round.reset ? toEpochSeconds(now) : previous!.roundStartedAt,
      since,
      body,
    });
    context.logger.info('mail.sync', {
      upserts: upserts.length,
      removed: removed.length,
      filledIn,
      reset: round.reset,
      more: round.more,
    });
    return { state, more: round.more, reset: round.reset, upserts, removed };
  },
};

/** Graph's 404 on a folder's delta means the folder is gone: the device drops that collection. */
async function withFolderNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isFerryError(error) && error.code === 'not_found') throw new FerryError('folder_not_found', { cause: error, logReason: error.logReason });
    throw error;
  }
}
