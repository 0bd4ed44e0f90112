import type { Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { bodyPreference, mailSyncByFolderRequest, mailSyncRequest, mailSyncResponse, type Message } from '../protocol/schemas/mail';
import { graphId } from '../protocol/schemas/common';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { messageDeltaLinkRequest, messageDeltaRequest, messageGetRequest, type BodyContentType } from '../graph/requests/messageRequests';
import { defineSyncCommand } from '../sync/defineSyncCommand';
import type { MembershipCheck } from '../sync/fillInPartialItems';
import { folderGetRequest, wellKnownFolderNames, wellKnownFolderRequest } from '../graph/requests/folderRequests';
import { messageSelectFields } from '../translate/partialMessages';
import { toDeviceDegradedMessage, toDeviceMessage, toDeviceMessageWithin } from '../translate/toDeviceMessage';

const defaultWindow = 50;

/** mail/sync by `folderId`: the sync engine's definition; mailSyncCommand adds the call by `kind`. */
const mailFolderSyncCommand = defineSyncCommand({
  route: 'mail/sync',
  functionName: 'mailSync',
  batchable: true,
  summary: 'Sync one mail folder',
  description:
    'Newest first on the first round, then only changes. `window` bounds the entries of one answer; `since` limits a first round to mail received since then (Graph returns at most 5,000 messages for a filtered round); `body` shapes bodies for a phone. An answer stays within FERRY_ANSWER_MAX_BYTES (2 MiB by default): it carries fewer entries (`more: true`), and a message larger than that alone comes with its body cut (`truncated: true`). A message Ferry cannot translate (Graph left out a field, or sent a shape no translator expects) comes degraded, its untranslated fields named in `unavailable`, so it never stops the folder\'s sync. `more`, `reset` and `state` follow the sync rules.',
  request: mailSyncByFolderRequest,
  response: mailSyncResponse,
  errors: ['sync_state_invalid', 'folder_not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  stateKind: 'mail',
  stateShape: {
    /** The folder this state syncs (also bound into the token as collection `mail:<folderId>`). */
    folderId: graphId,
    /** The first round's `since` (mail received from then on), ISO 8601, as the device sent it. */
    since: z.iso.datetime({ offset: true }).optional(),
    /** The body preference the round was started with: `{type: none|text|html, maxChars?}`. */
    body: bodyPreference,
  },
  collection: (input) => `mail:${input.folderId}`,
  async plan(input, { previous }) {
    const folderId = input.folderId;
    if (input.state && input.since) throw new FerryError('bad_request', { detail: '`since` applies to a first round only: send it without `state`.' });
    const body = previous?.body ?? input.body ?? { type: 'none' as const };
    if (previous && input.body && input.body.type !== body.type) {
      throw new FerryError('bad_request', { detail: '`body.type` is fixed for a sync round: restart without `state` to change it.' });
    }
    const maxChars = input.body?.maxChars ?? body.maxChars;
    const since = previous ? previous.since : input.since ? new Date(input.since).toISOString() : undefined;
    const bodyContentType: BodyContentType | undefined = body.type === 'none' ? undefined : body.type;
    const select = messageSelectFields(body);
    const shape = { body: { type: body.type, maxChars } };
    return {
      state: { folderId, since, body },
      window: input.window ?? defaultWindow,
      startRequest: (maxPageSize) => messageDeltaRequest({ folderId, select, since, bodyContentType }, maxPageSize),
      linkRequest: (link, maxPageSize) => messageDeltaLinkRequest(link, maxPageSize, bodyContentType),
      select,
      fillInRequest: (id, missing) => messageGetRequest(id, missing, missing.includes('body') ? bodyContentType : undefined),
      membership: inFolder(folderId),
      checkRemoved: {
        // What the delta selects plus the folder: a message still here needs no second call.
        request: (id) => messageGetRequest(id, [...select, 'parentFolderId'], bodyContentType),
        context: folderGetRequest(folderId, ['id']),
        stillHere: (message: GraphMessage, folder: unknown) => message.parentFolderId === folderIdIn(folder),
      },
      leaveOut: since === undefined ? undefined : (message: GraphMessage) => receivedBefore(message, since),
      toDevice: (message: GraphMessage): Message => toDeviceMessage(message, shape),
      toDeviceWithin: (message: GraphMessage, maxBytes: number): Message => toDeviceMessageWithin(message, shape, maxBytes),
      toDeviceDegraded: (message: GraphMessage): Message => toDeviceDegradedMessage(message, shape),
      mapError: toFolderNotFound,
    };
  },
});

/**
 * mail/sync: by `folderId`, or on a call without state by `kind` (a well-known folder): Graph takes its
 * name in a path, so `GET /me/mailFolders/{name}?$select=id` finds its id, which the round is bound to
 * like any folder's (collection and state) and which the answer returns as `folderId`. A folder that
 * does not exist (an `archive` never created) is 404 `folder_not_found`.
 */
export const mailSyncCommand = {
  ...mailFolderSyncCommand,
  request: mailSyncRequest,
  async handler(input: z.infer<typeof mailSyncRequest>, context: Parameters<typeof mailFolderSyncCommand.handler>[1]): Promise<z.infer<typeof mailSyncResponse>> {
    if (!('kind' in input)) return mailFolderSyncCommand.handler(input, context);
    let folder;
    try {
      folder = await context.graph.send<{ id?: unknown }>(wellKnownFolderRequest(wellKnownFolderNames[input.kind]));
    } catch (error) {
      throw toFolderNotFound(error);
    }
    const folderId = folderIdIn(folder.body);
    const { kind: _kind, ...rest } = input;
    const answer = await mailFolderSyncCommand.handler({ ...rest, folderId }, context);
    return { ...answer, folderId };
  },
};


/**
 * A filled-in message still belongs to the synced folder when its `parentFolderId` is that folder's id
 * (asked in the same `$batch`: the device may name the folder by a well-known name). One moved away or
 * deleted into Recoverable Items (where Graph may still answer it) since the delta page is reported
 * removed now, as the folder's next delta would report it.
 */
function inFolder(folderId: string): MembershipCheck {
  return {
    fields: ['parentFolderId'],
    request: folderGetRequest(folderId, ['id']),
    belongs(fetched, folder) {
      const id = folderIdIn(folder);
      // A message Graph answered without its folder stays: nothing says it left.
      return fetched.parentFolderId === undefined || fetched.parentFolderId === id;
    },
  };
}

/** The id in Graph's answer to the synced folder's GET (the device may have named it `inbox`). */
function folderIdIn(folder: unknown): string {
  const id = (folder as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
  return id;
}

/**
 * A `receivedDateTime` filtered delta still reports read/unread changes of older mail (mgdc#9760,
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/pull/9760): the device never had that
 * mail, so it is left out. Judged on the complete item (a partial one lacks receivedDateTime); a
 * message without one stays.
 */
function receivedBefore(message: GraphMessage, since: string): boolean {
  const received = message.receivedDateTime ? Date.parse(message.receivedDateTime) : Number.NaN;
  return received < Date.parse(since);
}

/** Graph's 404 on a folder's delta means the folder is gone: the device drops that collection. */
function toFolderNotFound(error: unknown): unknown {
  if (isFerryError(error) && error.code === 'not_found') return new FerryError('folder_not_found', { cause: error, logReason: error.logReason });
  return error;
}
