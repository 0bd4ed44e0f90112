import { z } from 'zod';
import { graphId } from '../protocol/schemas/common';
import { bodyPreference } from '../protocol/schemas/mail';
import { wellKnownFolderKinds } from '../translate/wellKnownFolderIds';

/**
 * A Graph link (`@odata.nextLink` or `@odata.deltaLink`) without its origin: path and query exactly as
 * Graph sent them, e.g. `/v1.0/me/mailfolders('AQMk...')/messages/delta?$deltatoken=...`. The caller
 * puts FERRY_GRAPH_URL's origin back. One leading slash only, so it can never be read as `//host`.
 */
const graphLinkPath = z.string().regex(/^\/(?!\/)[\x21-\x7e]*$/);

/** Fields every collection's state has. */
const roundFields = {
  /** Payload schema version; a new shape gets 2 and openState keeps reading 1 or drops it (bad_payload). */
  v: z.literal(1),
  /** Where the next call continues; absent when it must start a new round. */
  link: graphLinkPath.optional(),
  /** true: `link` is a nextLink of a round not yet finished; false: `link` is the deltaLink that ended it. */
  inRound: z.boolean(),
  /**
   * When the last full (reset) round began, epoch SECONDS: FERRY_FULL_ROUND_HOURS counts from it.
   * Capped at 2100-01-01 so a value in milliseconds (`clock.now()`) is refused instead of sealed.
   */
  roundStartedAt: z.number().int().min(0).max(4_102_444_800),
};

export const foldersSyncState = z.strictObject({
  ...roundFields,
  kind: z.literal('folders'),
  /** Folder ids by well-known kind (root included); ids never change, so they are resolved once per round. */
  wellKnown: z.partialRecord(z.enum(wellKnownFolderKinds), graphId),
});

export const mailSyncState = z.strictObject({
  ...roundFields,
  kind: z.literal('mail'),
  /** The folder this state syncs (also bound into the token as collection `mail:<folderId>`). */
  folderId: graphId,
  /** The first round's `since` (mail received from then on), ISO 8601, as the device sent it. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** The body preference the round was started with: `{type: none|text|html, maxChars?}`. */
  body: bodyPreference,
});

/**
 * The sync progress a device carries, sealed by sealState. Readable key names on purpose: the JSON is
 * deflated before sealing, so each name costs its length once (about 60 bytes in all), far from the
 * 4096-character limit even with a 600-character link and eight 150-character folder ids.
 */
export const syncStatePayload = z.discriminatedUnion('kind', [foldersSyncState, mailSyncState]);

export type SyncStatePayload = z.infer<typeof syncStatePayload>;
export type FoldersSyncState = z.infer<typeof foldersSyncState>;
export type MailSyncState = z.infer<typeof mailSyncState>;
