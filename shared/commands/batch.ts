import type { z } from 'zod';
import { isRawCommand, type AnyCommandDefinition, type CommandDefinition } from '../protocol/commandDefinition';
import { batchRequestFor, batchResponse } from '../protocol/schemas/batch';
import { runCommandSteps, type CommandOutcome } from '../protocol/runCommandSteps';
import type { CommandContext } from '../runtime/commandContext';

type BatchRequest = ReturnType<typeof batchRequestFor>;
type PartDefinition = CommandDefinition<z.ZodType, z.ZodType, CommandContext>;

/**
 * `batch`: up to five batchable reads in one device round trip (an app launch: folders, the first
 * inbox screen, today's calendar). The envelope is the batch's own (method, media type, 64 KB, auth,
 * `x-request-id`, compression, Server-Timing: defineCommand). Each part is run by runCommandSteps with
 * its own definition, exactly as that command alone, and they share one CommandContext: one time
 * budget, one Graph wait budget, one Graph client and so one in-flight gate. A failing part answers its
 * own status and problem inside the 200; the others are untouched.
 */
export function createBatchCommand(commands: readonly AnyCommandDefinition[]): CommandDefinition<BatchRequest, typeof batchResponse, CommandContext> {
  const parts = new Map<string, PartDefinition>();
  for (const command of commands) if (!isRawCommand(command) && command.batchable === true) parts.set(command.route, command as unknown as PartDefinition);
  const routes = [...parts.keys()] as [string, ...string[]];
  const request = batchRequestFor(routes);
  return {
    route: 'batch',
    functionName: 'batch',
    summary: 'Several reads in one round trip',
    description:
      `Up to 5 requests of the batchable reads (${routes.map((route) => `\`${route}\``).join(', ')}), each with a device-chosen \`id\`, run concurrently as each command alone would run; \`responses\` has one answer per request, in request order, each with that command's \`status\` and answer or problem+json \`body\`. A bad envelope (0 or more than 5 requests, bad or duplicate ids, a command that is not batchable) is 400 for the whole and nothing runs. The parts share one command's time and Graph budgets. Writes are never batched.`,
    request,
    response: batchResponse,
    errors: [],
    async handler(input, context) {
      const startedAtInMs = context.clock.now();
      const responses = await Promise.all(
        input.requests.map(async (part, index) => {
          const definition = parts.get(part.command)!;
          const partStartedAtInMs = context.clock.now();
          const outcome = await runCommandSteps(definition, part.body, context, { requestId: context.requestId, typeBase: context.config.FERRY_PROBLEM_TYPE_BASE });
          // Content-free: the part's place, command and outcome, never its id (device-chosen text).
          context.logger.info('batch.part', {
            part: index,
            partCommand: part.command,
            status: outcome.status,
            code: outcome.kind === 'problem' ? outcome.error.code : undefined,
            reason: outcome.kind === 'problem' ? outcome.error.logReason : undefined,
            durationInMs: context.clock.now() - partStartedAtInMs,
          });
          const body = outcome.kind === 'answer' ? outcome.wire : outcome.kind === 'pending' ? { code: 'pending' } : outcome.body;
          return { id: part.id, status: outcome.status, body: body as Record<string, unknown>, ...partHeaders(outcome) };
        }),
      );
      context.logger.info('batch.completed', { parts: responses.length, failed: responses.filter((part) => part.status >= 400).length, durationInMs: context.clock.now() - startedAtInMs });
      return { responses };
    },
  };
}

/** What a device acts on among the headers the command alone would send: Retry-After and a claims challenge. */
function partHeaders(outcome: CommandOutcome): { headers?: { 'retry-after'?: string; 'www-authenticate'?: string } } {
  const sent: Record<string, string> = outcome.kind === 'problem' ? outcome.headers : outcome.kind === 'pending' ? { 'retry-after': String(outcome.retryAfterInSeconds) } : {};
  const headers: { 'retry-after'?: string; 'www-authenticate'?: string } = {};
  for (const [name, value] of Object.entries(sent)) {
    const lower = name.toLowerCase();
    if (lower === 'retry-after' || lower === 'www-authenticate') headers[lower] = value;
  }
  return Object.keys(headers).length > 0 ? { headers } : {};
}
