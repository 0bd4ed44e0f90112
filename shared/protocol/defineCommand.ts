import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { FerryError, isFerryError } from './ferryError';
import { toProblem, problemContentType } from './problem';
import { configuredProblemTypeBase } from './problemTypeBase';
import { readJsonBody } from './readJsonBody';
import { formatValidationError } from './formatValidationError';
import { defaultMaxBodyBytes, type CommandDefinition } from './commandDefinition';
import type { CommandRuntime } from './commandRuntime';
import { createInvocationLogger } from '../observability/createInvocationLogger';
import type { Logger } from '../observability/logger';
import { corsDecision } from './corsDecision';
import { compressResponse } from './compressResponse';
import { answerWireForm } from './answerWireForm';
import { wellFormedStrings } from './wellFormedStrings';
import { instrumentCommand } from '../observability/instrumentCommand';
import { recordCommandResult } from '../observability/recordCommandResult';

const jsonContentType = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Headers on every answer: nothing a device receives may be cached by an intermediary. */
function baseHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, 'cache-control': 'no-store' };
}

/**
 * Turns a command definition into the HttpHandler the Functions host calls: method and media type,
 * caller auth, body limits and schema validation, then the handler, whose answer goes out in its wire
 * form (answerWireForm) and perhaps compressed; every failure becomes problem+json with a stable code.
 * `runtime` is asked for on each request (functions/ hands in the process's, built from the environment
 * on first use; tests hand in their own), so importing a command never reads configuration.
 */
export function defineCommand<Req extends z.ZodType, Res extends z.ZodType, Context, Caller>(
  definition: CommandDefinition<Req, Res, Context>,
  runtime: () => CommandRuntime<Context, Caller>,
): HttpHandler {
  return instrumentCommand(definition.route, async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    const requestId = randomUUID();
    const started = Date.now();
    const logger = createInvocationLogger(invocation, { command: definition.route, requestId });
    const cors = corsDecision(request, () => runtime().config.FERRY_CORS_ORIGINS);
    if (cors.preflight) return { status: 204, headers: { ...baseHeaders(requestId), ...cors.headers } };
    try {
      const result = await runCommand(definition, request, requestId, runtime(), logger);
      logger.info('command.completed', { status: 200, durationInMs: Date.now() - started });
      const headers = { ...baseHeaders(requestId), ...cors.headers, 'content-type': 'application/json; charset=utf-8' };
      // Fields at their schema's default are left out of every answer (the device's parse fills them
      // in), and every string is well-formed: answerWireForm.
      const wire = answerWireForm(definition.response, result);
      return { status: 200, ...(await compressResponse(wire, request.headers.get('accept-encoding'), headers, runtime().config)) };
    } catch (error) {
      const ferryError = isFerryError(error) ? error : new FerryError('internal_error', { cause: error });
      const problem = toProblem(ferryError, requestId, configuredProblemTypeBase(runtime));
      const fields = { status: problem.status, code: ferryError.code, reason: ferryError.logReason, durationInMs: Date.now() - started };
      if (problem.status >= 500) logger.error('command.failed', { ...fields, errorName: isFerryError(error) ? undefined : errorName(error) });
      else logger.info('command.rejected', fields);
      return {
        status: problem.status,
        jsonBody: wellFormedStrings(problem.body),
        headers: { ...baseHeaders(requestId), ...cors.headers, ...problem.headers, 'content-type': problemContentType },
      };
    }
  });
}

async function runCommand<Req extends z.ZodType, Res extends z.ZodType, Context, Caller>(
  definition: CommandDefinition<Req, Res, Context>,
  request: HttpRequest,
  requestId: string,
  runtime: CommandRuntime<Context, Caller>,
  logger: Logger,
): Promise<z.infer<Res>> {
  if (request.method !== 'POST') {
    throw new FerryError('method_not_allowed', { detail: 'Use POST.', headers: { allow: 'POST' } });
  }
  if (!jsonContentType.test(request.headers.get('content-type') ?? '')) {
    throw new FerryError('unsupported_media_type', { detail: 'Send Content-Type: application/json.' });
  }
  const caller = await runtime.verifyCaller(request.headers.get('authorization'));
  const body = await readJsonBody(request, definition.maxBodyBytes ?? defaultMaxBodyBytes);
  const parsed = definition.request.safeParse(body);
  if (!parsed.success) {
    throw new FerryError('bad_request', { detail: formatValidationError(parsed.error), logReason: 'schema' });
  }
  const context = runtime.createCommandContext({ caller, requestId, logger });
  return recordCommandResult(definition.route, await definition.handler(parsed.data, context));
}

/** The class name of an unexpected error is log-safe; its message may not be. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : typeof error;
}
