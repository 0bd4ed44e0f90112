import { z } from 'zod';

/** Parts of one batch: a launch needs three (folders, the first inbox screen, today's calendar). */
export const maxBatchParts = 5;

/** A part's id, chosen by the device to match answers to requests: 1..32 of `[A-Za-z0-9_-]`. */
export const batchPartId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).meta({ description: 'Chosen by the device, unique in the batch: 1..32 of `[A-Za-z0-9_-]`.' });

/**
 * The batch's request for the given batchable routes (the `batchable` mark of the command
 * definitions): any other command, `batch` itself included, fails the whole envelope.
 */
export function batchRequestFor(routes: readonly [string, ...string[]]) {
  return z
    .strictObject({
      requests: z
        .array(
          z.strictObject({
            id: batchPartId,
            command: z.enum(routes).meta({ description: 'A read command marked batchable; never a write, never `batch`.' }),
            body: z.looseObject({}).meta({ description: "The command's own request body, checked by its own schema." }),
          }),
        )
        .min(1)
        .max(maxBatchParts),
    })
    .superRefine((value, check) => {
      const seen = new Set<string>();
      value.requests.forEach((request, index) => {
        if (seen.has(request.id)) check.addIssue({ code: 'custom', path: ['requests', index, 'id'], message: 'ids are unique within a batch' });
        seen.add(request.id);
      });
    })
    .meta({ id: 'BatchRequest' });
}

export const batchResponse = z
  .object({
    responses: z.array(
      z.object({
        id: batchPartId,
        status: z.int().meta({ description: "The part's HTTP status as the command alone would answer it (200, 202, 400, 404, 410, 429, 503…)." }),
        body: z.looseObject({}).meta({ description: "The part's answer in its command's wire form, or its problem+json (`code`, `retryAfter`, the batch's `requestId`)." }),
        headers: z
          .object({ 'retry-after': z.string().optional(), 'www-authenticate': z.string().optional() })
          .optional()
          .meta({ description: 'The headers a device acts on that the command alone would have sent with this answer: `Retry-After`, and `WWW-Authenticate` (its claims challenge for `consent_required`).' }),
      }),
    ),
  })
  .meta({ id: 'BatchResponse' });
