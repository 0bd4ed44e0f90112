import { randomUUID } from 'node:crypto';
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { loadConfig } from '../../../shared/config';
import { defineCommand } from '../../../shared/protocol/defineCommand';
import type { CommandRuntime } from '../../../shared/protocol/commandRuntime';
import { PendingAnswer } from '../../../shared/protocol/pendingAnswer';
import { buildOpenApiDocument } from '../../../shared/protocol/buildOpenApiDocument';

/**
 * defineCommand's 202: a handler returning a PendingAnswer answers `202 {code: "pending"}` with
 * Retry-After in whole seconds (never 0), only when its definition declares `pending` (else it is a bug:
 * 500 internal_error); the OpenAPI document lists the 202 of a command that declares it, and no other.
 */
describe('202 pending answers', () => {
  const runtime: CommandRuntime<unknown> = {
    config: loadConfig({}),
    verifyCaller: async () => ({}),
    createCommandContext: () => ({}),
  };
  const command = (pending: string | undefined, retryAfterInMs: number) => ({
    route: 'probe/pending',
    functionName: 'probePending',
    summary: 'Probe',
    description: 'Probe',
    request: z.object({}).strict(),
    response: z.object({ status: z.literal('done') }),
    errors: [],
    ...(pending === undefined ? {} : { pending }),
    handler: async () => new PendingAnswer(retryAfterInMs),
  });
  const run = async (definition: ReturnType<typeof command>) => {
    const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/v1/probe/pending', headers: { 'content-type': 'application/json' }, body: { string: '{}' } });
    const invocation = new InvocationContext({ invocationId: randomUUID(), functionName: 'probe', logHandler: () => {} });
    const response = new HttpResponse(await defineCommand(definition, () => runtime)(request, invocation));
    return { status: response.status, retryAfter: response.headers.get('retry-after'), cache: response.headers.get('cache-control'), body: (await response.json()) as { code: string } };
  };

  it('answers 202 {code: "pending"} with Retry-After in whole seconds, at least 1', async () => {
    expect(await run(command('In progress.', 1500))).toEqual({ status: 202, retryAfter: '2', cache: 'no-store', body: { code: 'pending' } });
    expect((await run(command('In progress.', 0))).retryAfter).toBe('1');
  });

  it('a command that does not declare `pending` cannot answer it (500 internal_error)', async () => {
    const answer = await run(command(undefined, 1000));
    expect([answer.status, answer.body.code]).toEqual([500, 'internal_error']);
  });

  it('the OpenAPI document shows the 202 of a command that declares it, and of no other', () => {
    const paths = buildOpenApiDocument([command('In progress.', 1000), { ...command(undefined, 1000), route: 'probe/other' }] as never, '0').paths as Record<string, { post: { responses: Record<string, unknown> } }>;
    expect(paths['/v1/probe/pending']!.post.responses['202']).toMatchObject({ description: 'In progress.', headers: { 'Retry-After': {} } });
    expect(paths['/v1/probe/other']!.post.responses['202']).toBeUndefined();
  });
});
