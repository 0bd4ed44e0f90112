import { z } from 'zod';

/**
 * A Graph link (`@odata.nextLink` or `@odata.deltaLink`) without its origin: path and query exactly as
 * Graph sent them, e.g. `/v1.0/me/mailfolders('AQMk...')/messages/delta?$deltatoken=...`. The caller
 * puts FERRY_GRAPH_URL's origin back. One leading slash only, so it can never be read as `//host`.
 */
const graphLinkPath = z.string().regex(/^\/(?!\/)[\x21-\x7e]*$/);

/** The fields of every synced collection's state: where its delta round stands. */
export const syncRoundFields = {
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

export interface SyncRoundState<Kind extends string = string> {
  v: 1;
  kind: Kind;
  link?: string;
  inRound: boolean;
  roundStartedAt: number;
}

/**
 * The sealed state of one synced collection: the round fields, the definition's `kind` and its own
 * fields. Readable key names on purpose: the JSON is deflated before sealing, so each name costs its
 * length once, far from the 4096-character limit even with a 600-character link.
 */
export function syncStateSchema<Kind extends string, Shape extends z.ZodRawShape>(kind: Kind, shape: Shape) {
  return z.strictObject({ ...syncRoundFields, kind: z.literal(kind), ...shape });
}
