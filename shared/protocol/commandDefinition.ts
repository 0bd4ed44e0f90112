import type { z } from 'zod';
import type { ErrorCode } from './errorCodes';
import type { PendingAnswer } from './pendingAnswer';

/** A list of error codes. */
export type ErrorCodeList = readonly ErrorCode[];

/** Default request body limit of a device command, in bytes. */
export const defaultMaxBodyBytes = 64 * 1024;

/**
 * A device command: its schemas are the single source of its type, its validation and its docs
 * (docs/openapi.json is generated from the registered definitions). `Context` is what the handler gets
 * besides its input, built per request by the runtime handed to registerCommand.
 */
export interface CommandDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType, Context = unknown, Pending extends PendingAnswer = never> {
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
  /**
   * When the command may answer `202 {code: "pending"}` with Retry-After (its handler returning a
   * PendingAnswer): what that means for this command, for the docs. Absent: it never does.
   */
  pending?: string;
  /**
   * May be a part of `batch` (shared/commands/batch.ts): reads only, every Graph call idempotent (a
   * test checks the command's scenario against shared/graph/operations.ts). Writes never are: their
   * retry and send-once rules are per command.
   */
  batchable?: boolean;
  /** Returns the complete answer (the schema's output form); the wire carries its input form (omitDefaults). */
  handler(input: z.infer<Req>, context: Context): Promise<z.infer<Res> | Pending>;
}

/**
 * What a raw command's handler answers: a status (200, 206), its headers (besides the ones every answer
 * has) and a body that is streamed to the device as it is, never buffered, compressed or re-encoded.
 */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | Uint8Array;
}

/** The validated input of a raw command: its query parameters, the request headers it reads, and a PUT's body. */
export interface RawInput<Query, Headers> {
  query: Query;
  headers: Headers;
  /** A PUT's body, read whole within `maxBodyBytes` (empty for a GET). */
  body: Uint8Array;
}

/**
 * A device command that is not POST+JSON: the declared exception for downloads, which downloaders
 * fetch with GET and `Range` (docs/device-api.md). `request` is the query's schema (one string per
 * parameter, tagged with `x-ferry-kind` like a JSON command's fields, so the isolation and fuzz suites
 * read it the same way); `headers` names the request headers the handler reads (lower case; anything
 * else is ignored). The bearer token still travels in `Authorization`, never in the URL. Auth, CORS,
 * problem+json and `Cache-Control: no-store` are the same code path as every other command's.
 */
export interface RawCommandDefinition<Query extends z.ZodType = z.ZodType, Headers extends z.ZodType = z.ZodType, Context = unknown> {
  kind: 'raw';
  /** GET (a download) or PUT (an upload chunk: an octet-stream body within `maxBodyBytes`). */
  method: 'GET' | 'PUT';
  /** A PUT's body limit in bytes (413 past it, before the handler runs). */
  maxBodyBytes?: number;
  route: string;
  functionName: string;
  summary: string;
  description: string;
  request: Query;
  headers: Headers;
  /** The answers besides problems, for the docs: status -> description and the headers it carries. */
  answers: Record<string, { description: string; headers: Record<string, string>; /** A JSON answer's schema (an upload's); absent: bytes. */ schema?: z.ZodType }>;
  errors: ErrorCode[];
  handler(input: RawInput<z.infer<Query>, z.infer<Headers>>, context: Context): Promise<RawAnswer>;
}

/**
 * A definition of any context, for code that reads its schemas and never calls its handler (the
 * registry, the docs). `never`: no context could be passed to it.
 */
export type AnyCommandDefinition = CommandDefinition<z.ZodType, z.ZodType, never> | RawCommandDefinition<z.ZodType, z.ZodType, never>;

/** A raw (GET download or PUT upload) command, told apart from a POST+JSON one. */
export function isRawCommand(definition: AnyCommandDefinition): definition is RawCommandDefinition<z.ZodType, z.ZodType, never> {
  return (definition as { kind?: string }).kind === 'raw';
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

/** Codes every raw (GET) command can answer: the common ones but those about a request body. */
export const commonRawCommandErrors: ErrorCode[] = commonCommandErrors.filter((code) => code !== 'payload_too_large' && code !== 'unsupported_media_type');

/** The common codes of one raw command: a PUT's body can be too large or of another media type, a GET has none. */
export function rawCommandErrors(definition: { method: 'GET' | 'PUT' }): ErrorCode[] {
  return definition.method === 'PUT' ? commonCommandErrors : commonRawCommandErrors;
}
