import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { FerryError } from './ferryError';
import { problemContentType } from './problem';
import { runCommandSteps, toCommandProblem, type CommandOutcome } from './runCommandSteps';
import { configuredProblemTypeBase } from './problemTypeBase';
import { readBodyBytes, readJsonBody } from './readJsonBody';
import { defaultMaxBodyBytes, type CommandDefinition, type RawCommandDefinition, type RawInput } from './commandDefinition';
import { readQuery } from './readQuery';
import { formatValidationError } from './formatValidationError';
import type { CommandRuntime } from './commandRuntime';
import { createInvocationLogger } from '../observability/createInvocationLogger';
import type { Logger } from '../observability/logger';
import { corsDecision } from './corsDecision';
import { compressResponse } from './compressResponse';
import type { PendingAnswer } from './pendingAnswer';
import { instrumentCommand } from '../observability/instrumentCommand';
import { createServerTiming, serverTimingHeader, type ServerTiming } from '../observability/serverTiming';

const jsonContentType = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Headers on every answer: nothing a device receives may be cached by an intermediary. */
function baseHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, 'cache-control': 'no-store' };
}

/** Options of the front door for tests: `timingNow` is the monotonic clock of Server-Timing (default `performance.now`). */
export interface FrontDoorOptions {
  timingNow?: () => number;
}

/** What a command's own part of the front door gives back: the answer, its log status, and its headers. */
interface CommandAnswer {
  response: HttpResponseInit;
  status: number;
}

type ProblemOutcome = Extract<CommandOutcome, { kind: 'problem' }>;

/**
 * The one front door of every device command, JSON or raw: request id, invocation logger, CORS and
 * preflight, then `serve`, whose failures (FerryError or anything else) become problem+json with a
 * stable code; every answer carries `x-request-id` and `Cache-Control: no-store`. `runtime` is asked
 * for on each request (functions/ hands in the process's, built from the environment on first use;
 * tests hand in their own), so importing a command never reads configuration.
 */
function frontDoor<Context, Caller>(
  route: string,
  runtime: () => CommandRuntime<Context, Caller>,
  options: FrontDoorOptions,
  serve: (request: HttpRequest, requestId: string, logger: Logger, headers: Record<string, string>, timing: ServerTiming) => Promise<CommandAnswer | ProblemOutcome>,
): HttpHandler {
  const handle = async (request: HttpRequest, invocation: InvocationContext, timing: ServerTiming): Promise<HttpResponseInit> => {
    const requestId = randomUUID();
    const started = Date.now();
    const logger = createInvocationLogger(invocation, { command: route, requestId });
    const cors = corsDecision(request, () => runtime().config.FERRY_CORS_ORIGINS);
    if (cors.preflight) return { status: 204, headers: { ...baseHeaders(requestId), ...cors.headers, [serverTimingHeader]: timing.header() } };
    const problemAnswer = (outcome: ProblemOutcome): HttpResponseInit => {
      const fields = { status: outcome.status, code: outcome.error.code, reason: outcome.error.logReason, durationInMs: Date.now() - started };
      if (outcome.status >= 500) logger.error('command.failed', { ...fields, errorName: outcome.unexpected === undefined ? undefined : errorName(outcome.unexpected) });
      else logger.info('command.rejected', fields);
      return {
        status: outcome.status,
        jsonBody: outcome.body,
        headers: { ...baseHeaders(requestId), ...cors.headers, ...outcome.headers, 'content-type': problemContentType, [serverTimingHeader]: timing.header() },
      };
    };
    try {
      const answer = await serve(request, requestId, logger, { ...baseHeaders(requestId), ...cors.headers }, timing);
      if ('kind' in answer) return problemAnswer(answer);
      logger.info('command.completed', { status: answer.status, durationInMs: Date.now() - started });
      return { ...answer.response, headers: { ...(answer.response.headers as Record<string, string>), [serverTimingHeader]: timing.header() } };
    } catch (error) {
      return problemAnswer(toCommandProblem(error, requestId, configuredProblemTypeBase(runtime)));
    }
  };
  return (request, invocation) => {
    // This request's own recorder, started before telemetry (whose first start loads its chunk), so
    // `total` is the whole handler; every answer, preflight and problem included, says where it went.
    const timing = createServerTiming(options.timingNow);
    return instrumentCommand(route, (req, inv) => handle(req, inv, timing))(request, invocation);
  };
}

/**
 * Turns a command definition into the HttpHandler the Functions host calls: method and media type,
 * caller auth, body limits and schema validation, then the handler, whose answer goes out in its wire
 * form (answerWireForm: defaults left out, every string well-formed) and perhaps compressed; every
 * failure becomes problem+json with a stable code.
 */
export function defineCommand<Req extends z.ZodType, Res extends z.ZodType, Context, Caller>(
  definition: CommandDefinition<Req, Res, Context, PendingAnswer>,
  runtime: () => CommandRuntime<Context, Caller>,
  options: FrontDoorOptions = {},
): HttpHandler {
  return frontDoor(definition.route, runtime, options, async (request, requestId, logger, headers, timing) => {
    const current = runtime();
    const caller = await acceptJsonCommand(request, current, timing);
    const body = await readJsonBody(request, definition.maxBodyBytes ?? defaultMaxBodyBytes);
    const context = current.createCommandContext({ caller, requestId, logger, timing });
    const outcome = await runCommandSteps(definition, body, context, { requestId, typeBase: configuredProblemTypeBase(runtime) });
    if (outcome.kind === 'problem') return outcome;
    if (outcome.kind === 'pending') {
      const pendingHeaders = { ...headers, 'content-type': 'application/json; charset=utf-8', 'retry-after': String(outcome.retryAfterInSeconds) };
      return { status: 202, response: { status: 202, jsonBody: { code: 'pending' }, headers: pendingHeaders } };
    }
    const jsonHeaders = { ...headers, 'content-type': 'application/json; charset=utf-8' };
    return { status: 200, response: { status: 200, ...(await compressResponse(outcome.wire, request.headers.get('accept-encoding'), jsonHeaders, current.config, timing)) } };
  });
}

/**
 * The HttpHandler of a raw command (a GET download, a PUT upload chunk): the same front door, then its
 * method, the caller, its query and headers validated by its schemas, a PUT's body within its limit,
 * and the handler's answer streamed as it is:
 * no compression (the body is a file the device may ask byte ranges of) and no buffering here.
 */
export function defineRawCommand<Query extends z.ZodType, Headers extends z.ZodType, Context, Caller>(
  definition: RawCommandDefinition<Query, Headers, Context>,
  runtime: () => CommandRuntime<Context, Caller>,
  options: FrontDoorOptions = {},
): HttpHandler {
  return frontDoor(definition.route, runtime, options, async (request, requestId, logger, headers, timing) => {
    if (request.method !== definition.method) {
      throw new FerryError('method_not_allowed', { detail: `Use ${definition.method}.`, headers: { allow: definition.method } });
    }
    const current = runtime();
    const caller = await current.verifyCaller(request.headers.get('authorization'), timing);
    const input = readRawInput(definition, request);
    // A PUT's body is read after the caller is known and its headers are valid, never before.
    const body = definition.method === 'PUT' ? await readBodyBytes(request, definition.maxBodyBytes ?? defaultMaxBodyBytes) : new Uint8Array();
    const context = current.createCommandContext({ caller, requestId, logger, timing });
    const answer = await definition.handler({ ...input, body }, context);
    return { status: answer.status, response: { status: answer.status, headers: { ...headers, ...answer.headers }, body: answer.body } };
  });
}

/** The query (each parameter once) and the headers a raw command reads, validated by its schemas. */
function readRawInput<Query extends z.ZodType, Headers extends z.ZodType>(
  definition: RawCommandDefinition<Query, Headers, unknown>,
  request: HttpRequest,
): Omit<RawInput<z.infer<Query>, z.infer<Headers>>, 'body'> {
  const query = readQuery(request.query, new URL(request.url).search.slice(1));
  const parsedQuery = definition.request.safeParse(query);
  if (!parsedQuery.success) throw new FerryError('bad_request', { detail: formatValidationError(parsedQuery.error), logReason: 'schema' });
  const headerNames = Object.keys((definition.headers as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const headerValues: Record<string, string> = {};
  for (const name of headerNames) {
    const value = request.headers.get(name);
    if (value !== null) headerValues[name] = value;
  }
  const parsedHeaders = definition.headers.safeParse(headerValues);
  if (!parsedHeaders.success) throw new FerryError('bad_request', { detail: formatValidationError(parsedHeaders.error), logReason: 'schema' });
  return { query: parsedQuery.data, headers: parsedHeaders.data };
}

/** A JSON command's door before its steps: POST, a JSON body, and the caller (a refused one ends here). */
async function acceptJsonCommand<Context, Caller>(request: HttpRequest, runtime: CommandRuntime<Context, Caller>, timing: ServerTiming): Promise<Caller> {
  if (request.method !== 'POST') {
    throw new FerryError('method_not_allowed', { detail: 'Use POST.', headers: { allow: 'POST' } });
  }
  if (!jsonContentType.test(request.headers.get('content-type') ?? '')) {
    throw new FerryError('unsupported_media_type', { detail: 'Send Content-Type: application/json.' });
  }
  return runtime.verifyCaller(request.headers.get('authorization'), timing);
}

/** The class name of an unexpected error is log-safe; its message may not be. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : typeof error;
}
