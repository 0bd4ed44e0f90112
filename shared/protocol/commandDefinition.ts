import type { z } from 'zod';
import type { ErrorCode } from './errorCodes';
import type { CommandContext } from '../runtime/commandContext';

/** Default request body limit of a device command, in bytes. */
export const defaultMaxBodyBytes = 64 * 1024;

/**
 * A device command: its schemas are the single source of its type, its validation and its docs
 * (docs/openapi.json is generated from the registered definitions).
 */
export interface CommandDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
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
  handler(input: z.infer<Req>, context: CommandContext): Promise<z.infer<Res>>;
}

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
