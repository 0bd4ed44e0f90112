import { z } from 'zod';
import { ferryKind } from './ferryKind';

/**
 * Graph ids as the device sees them: opaque, unchanged. Real Graph ids (immutable item ids, folder ids)
 * are base64url-ish and hold `-`, `_`, `=`; `+` and `/` never appear in the ids of `test/fixtures/graph-samples/`.
 * The pattern is anchored and linear; ids are URL-encoded again wherever they enter a Graph path.
 */
export const graphIdPattern = /^[A-Za-z0-9_=-]{1,512}$/;

export const graphId = z
  .string()
  .regex(graphIdPattern, 'must be a Graph id: 1 to 512 characters of A-Z a-z 0-9 _ = -')
  .meta({ description: 'An opaque Graph id, passed through unchanged.', ...ferryKind('id') });

/** A Graph folder id: a graphId tagged `folder`, so isolation and fuzz tests treat it as one. */
export const graphFolderId = graphId.meta(ferryKind('folder'));

/** Sealed sync state: opaque to the device, at most 4096 characters (checked before anything else). */
export const maxStateLength = 4096;
export const syncStateToken = z
  .string()
  .min(1)
  .meta({ description: 'Opaque sync state from the previous answer. Never parse or store anything else about it.', ...ferryKind('state') });

export const syncAnswerFields = {
  state: z.string().meta({ description: 'Send it back with the next call for this collection.', ...ferryKind('state') }),
  more: z.boolean().meta({ description: 'true: call again now with `state`. false: the round is over: every change made before its first call is in your copy.' }),
  reset: z
    .boolean()
    .meta({
      description:
        'true on the first answer of a round that starts from nothing. When that round ends (`more: false`), drop every item of the collection not received during the round.',
    }),
};

export const problemSchema = z
  .object({
    type: z.string().meta({
      description: "Names the problem type: the operator's `FERRY_PROBLEM_TYPE_BASE` followed by `code` (by default a `tag:` URI, not a link). Branch on `code`.",
    }),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    retryAfter: z.number().int().positive().optional().meta({ description: 'Seconds to wait (also in `Retry-After`).' }),
    requestId: z.string(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`.' });
