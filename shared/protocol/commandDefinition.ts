import type { z } from 'zod';
import type { ErrorCode } from './errorCodes';

/** Default request body limit of a device command, in bytes. */
export const defaultMaxBodyBytes = 64 * 1024;

/**
 * A device command: its schemas are the single source of its type, its validation and its docs
 * (docs/openapi.json is generated from the registered definitions). `Context` is what the handler gets
 * besides its input, built per request by the runtime handed to registerCommand.
 */
export interface CommandDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType, Context = unknown> {
  /** Route under /api/v1, e.g. `folders/sync`. */
  route: string;
  /** Function name registered with the host, e.g. `foldersSync`. */
  functionName: string;
  summary: string;
  description: string;
  request: Req;
  response: Res;
  /** Error codes this command can answer besides the ones every command can. */
  errors: ErrorCode[];
  /** Body limit in bytes; default 64 KB. */
  maxBodyBytes?: number;
  /** Returns the complete answer (the schema's output form); the wire carries its input form (omitDefaults). */
  handler(input: z.infer<Req>, context: Context): Promise<z.infer<Res>>;
}

/**
 * A definition of any context, for code that reads its schemas and never calls its handler (the
 * registry, the docs). `never`: no context could be passed to it.
 */
export type AnyCommandDefinition = CommandDefinition<z.ZodType, z.ZodType, never>;

/** Codes every authenticated v1 command can answer. */
export const commonCommandErrors: ErrorCode[] = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'insufficient_scope',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
];
