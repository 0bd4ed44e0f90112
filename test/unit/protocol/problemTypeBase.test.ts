import { randomUUID } from 'node:crypto';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { loadConfig } from '../../../shared/config';
import { FerryError } from '../../../shared/protocol/ferryError';
import { toProblem } from '../../../shared/protocol/problem';
import { configuredProblemTypeBase, defaultProblemTypeBase, isProblemTypeBase } from '../../../shared/protocol/problemTypeBase';
import { defineCommand } from '../../../shared/protocol/defineCommand';
import { createUnknownCommandHandler } from '../../../shared/protocol/unknownCommand';
import type { CommandRuntime } from '../../../shared/protocol/commandRuntime';

async function answerOf(result: HttpResponseInit | HttpResponse): Promise<{ status: number; body: { type: string; code: string } }> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result);
  return { status: response.status, body: (await response.json()) as { type: string; code: string } };
}

const invocation = () => new InvocationContext({ invocationId: randomUUID(), functionName: 'probe', logHandler: () => {} });

describe('FERRY_PROBLEM_TYPE_BASE', () => {
  it('defaults to a tag: URI (RFC 4151), never a web page that is not Ferry\'s', () => {
    expect(loadConfig({}).FERRY_PROBLEM_TYPE_BASE).toBe(defaultProblemTypeBase);
    expect(defaultProblemTypeBase).toMatch(/^tag:[a-z.]+,\d{4}:/);
    expect(isProblemTypeBase(defaultProblemTypeBase)).toBe(true);
    expect(toProblem(new FerryError('throttled'), 'r').body.type).toBe(`${defaultProblemTypeBase}throttled`);
  });

  it.each([
    'https://docs.contoso.com/ferry/device-api#',
    'https://docs.contoso.com/ferry/errors/',
    'https://docs.contoso.com:8443/errors?code=',
    'tag:contoso.com,2026:ferry/problem/',
    'tag:ops@contoso.com,2026-12-07:ferry:',
    'tag:contoso.com,2026-01:problems#',
  ])('accepts %s', (base) => {
    expect(isProblemTypeBase(base)).toBe(true);
    expect(loadConfig({ FERRY_PROBLEM_TYPE_BASE: base }).FERRY_PROBLEM_TYPE_BASE).toBe(base);
  });

  it.each([
    ['plain http', 'http://docs.contoso.com/errors/'],
    ['a relative reference', '/docs/errors/'],
    ['another scheme', 'urn:contoso:ferry:'],
    ['credentials in the URL', 'https://user:secret@docs.contoso.com/errors/'],
    ['no separator before the code', 'https://docs.contoso.com/errors'],
    ['whitespace', 'https://docs.contoso.com/my errors/'],
    ['a tag without a date', 'tag:contoso.com:ferry/'],
    ['a tag with a bad date', 'tag:contoso.com,2026-13:ferry/'],
    ['a tag without an authority', 'tag:,2026:ferry/'],
    ['a tag with a space', 'tag:contoso.com,2026:my ferry/'],
  ])('refuses %s at start-up (loadConfig)', (_case, base) => {
    expect(isProblemTypeBase(base)).toBe(false);
    expect(() => loadConfig({ FERRY_PROBLEM_TYPE_BASE: base })).toThrow(/FERRY_PROBLEM_TYPE_BASE/);
  });

  const configured = 'https://docs.contoso.com/ferry/device-api#';
  const runtime: CommandRuntime<unknown> = {
    config: { ...loadConfig({ FERRY_PROBLEM_TYPE_BASE: configured }) },
    verifyCaller: async () => {
      throw new FerryError('unauthorized');
    },
    createCommandContext: () => ({}),
  };
  const command = {
    route: 'probe/run',
    functionName: 'probe',
    summary: 'Probe',
    description: 'Probe',
    request: z.object({}).strict(),
    response: z.object({}),
    errors: [],
    handler: async () => ({}),
  };

  it('a command\'s problem carries the configured base', async () => {
    const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/v1/probe/run', headers: { 'content-type': 'application/json' }, body: { string: '{}' } });
    const { status, body } = await answerOf(await defineCommand(command, () => runtime)(request, invocation()));
    expect([status, body.code, body.type]).toEqual([401, 'unauthorized', `${configured}unauthorized`]);
  });

  it('the unknown command\'s problem carries it too', async () => {
    const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/v1/nope', body: { string: '{}' } });
    const { status, body } = await answerOf(await createUnknownCommandHandler(() => runtime)(request, invocation()));
    expect([status, body.code, body.type]).toEqual([404, 'unknown_command', `${configured}unknown_command`]);
  });

  it('configuration that does not load still answers with the default base (the failure is the 500 itself)', async () => {
    const broken = () => {
      throw new Error('configuration did not load');
    };
    expect(configuredProblemTypeBase(broken)).toBe(defaultProblemTypeBase);
    const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/v1/probe/run', headers: { 'content-type': 'application/json' }, body: { string: '{}' } });
    const { status, body } = await answerOf(await defineCommand(command, broken as () => CommandRuntime<unknown>)(request, invocation()));
    expect([status, body.code, body.type]).toEqual([500, 'internal_error', `${defaultProblemTypeBase}internal_error`]);
  });
});
