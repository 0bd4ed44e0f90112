import type { z } from 'zod';
import { omitDefaults } from './omitDefaults';
import { wellFormedStrings } from './wellFormedStrings';

/**
 * The one place an answer becomes what goes on the wire: the handler's complete answer without its
 * schema defaults (omitDefaults), every string well-formed (wellFormedStrings: no lone surrogate
 * reaches a device, whichever field of whichever command carries it). defineCommand sends every 200
 * answer through it; problem bodies go through wellFormedStrings alike.
 */
export function answerWireForm<Schema extends z.ZodType>(schema: Schema, value: z.output<Schema>): z.input<Schema> {
  return wellFormedStrings(omitDefaults(schema, value));
}
