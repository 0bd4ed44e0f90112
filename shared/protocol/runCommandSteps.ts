import type { z } from 'zod';
import { FerryError, isFerryError } from './ferryError';
import { toProblem, type Problem } from './problem';
import { formatValidationError } from './formatValidationError';
import type { CommandDefinition } from './commandDefinition';
import { answerWireForm } from './answerWireForm';
import { wellFormedStrings } from './wellFormedStrings';
import { recordCommandResult } from '../observability/recordCommandResult';
import { isPendingAnswer, type PendingAnswer } from './pendingAnswer';

/** A command's outcome after auth: its wire answer, its 202 pending, or its problem. */
export type CommandOutcome =
  | { kind: 'answer'; status: 200; wire: unknown }
  | { kind: 'pending'; status: 202; retryAfterInSeconds: number }
  | { kind: 'problem'; status: number; body: Problem; headers: Record<string, string>; error: FerryError; unexpected?: unknown };

/**
 * Pure: any failure to the problem a device receives. A FerryError keeps its code; anything else is
 * `internal_error` (its message never reaches the device). The front door and every batch part map here.
 */
export function toCommandProblem(error: unknown, requestId: string, typeBase: string): Extract<CommandOutcome, { kind: 'problem' }> {
  const ferryError = isFerryError(error) ? error : new FerryError('internal_error', { cause: error });
  const problem = toProblem(ferryError, requestId, typeBase);
  return { kind: 'problem', status: problem.status, body: wellFormedStrings(problem.body), headers: problem.headers, error: ferryError, unexpected: isFerryError(error) ? undefined : error };
}

/**
 * The one path of a JSON command after its caller is known: its own schema checks the body, its
 * handler runs with `context`, a 202 pending is allowed only where declared, and the answer goes out in
 * its wire form (answerWireForm: defaults left out, strings well-formed); any failure becomes its
 * problem (toCommandProblem). A command's own route (defineCommand) and each part of a `batch` call
 * this with the same definition, so a part runs exactly as the command alone.
 */
export async function runCommandSteps<Req extends z.ZodType, Res extends z.ZodType, Context>(
  definition: CommandDefinition<Req, Res, Context, PendingAnswer>,
  body: unknown,
  context: Context,
  problemFor: { requestId: string; typeBase: string },
): Promise<CommandOutcome> {
  try {
    const parsed = definition.request.safeParse(body);
    if (!parsed.success) throw new FerryError('bad_request', { detail: formatValidationError(parsed.error), logReason: 'schema' });
    const result = recordCommandResult(definition.route, await definition.handler(parsed.data, context));
    if (isPendingAnswer(result)) {
      // Only a command that declares `pending` may answer 202; anything else is a bug in the command.
      if (definition.pending === undefined) throw new FerryError('internal_error', { logReason: 'undeclared_pending' });
      return { kind: 'pending', status: 202, retryAfterInSeconds: result.retryAfterInSeconds };
    }
    // Fields at their schema's default are left out of every answer: the device's parse fills them in.
    return { kind: 'answer', status: 200, wire: answerWireForm(definition.response, result) };
  } catch (error) {
    return toCommandProblem(error, problemFor.requestId, problemFor.typeBase);
  }
}
