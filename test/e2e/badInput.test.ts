import { startStack, type Stack } from '../helpers/startStack';
import { errorCodes } from '../../shared/protocol/errorCodes';
import { deviceRuleFor } from '../../shared/protocol/deviceRules';

/** Bad input never reaches Graph and never becomes a 500: problem+json with a stable code. */
describe('bad input over HTTP', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token();
  });
  afterAll(() => stack.close());

  async function expectProblem(answer: Promise<{ status: number; headers: Headers; body: any }>, status: number, code: string) {
    const before = stack.sim.state.stats.requests;
    const { status: got, headers, body } = await answer;
    expect({ status: got, code: body?.code }).toEqual({ status, code });
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.requestId).toBe(headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(stack.sim.state.stats.requests).toBe(before);
    return body;
  }

  it('malformed JSON: 400', () => expectProblem(stack.call('folders/sync', null, token, { rawBody: '{"state":' }), 400, 'bad_request'));
  it('empty body: 400', () => expectProblem(stack.call('folders/sync', null, token, { rawBody: '' }), 400, 'bad_request'));
  it('a JSON value that is not an object: 400', () => expectProblem(stack.call('folders/sync', null, token, { rawBody: '[1]' }), 400, 'bad_request'));
  it('wrong content type: 415', () =>
    expectProblem(stack.call('folders/sync', {}, token, { headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type'));
  it('unknown field: 400 naming it', async () => {
    const body = await expectProblem(stack.call('folders/sync', { stat: 'x' }, token), 400, 'bad_request');
    expect(body.detail).toContain('stat');
  });
  it('__proto__ as a field: 400', () => expectProblem(stack.call('folders/sync', null, token, { rawBody: '{"__proto__":{"x":1}}' }), 400, 'bad_request'));
  it('oversized body: 413', () =>
    expectProblem(stack.call('folders/sync', { state: 'x'.repeat(70 * 1024) }, token), 413, 'payload_too_large'));
  it('invalid UTF-8: 400', () =>
    expectProblem(stack.call('folders/sync', null, token, { rawBody: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) }), 400, 'bad_request'));
  it('an escaped lone surrogate: 400', () => expectProblem(stack.call('mail/get', null, token, { rawBody: '{"id":"\\ud800"}' }), 400, 'bad_request'));
  it('nesting deeper than 32: 400', () =>
    expectProblem(stack.call('folders/sync', null, token, { rawBody: '{"state":' + '['.repeat(40) + ']'.repeat(40) + '}' }), 400, 'bad_request'));
  it('an id outside the Graph id charset: 400', () => expectProblem(stack.call('mail/get', { id: '../me' }, token), 400, 'bad_request'));
  it('wrong method: 405 with Allow', async () => {
    const answer = stack.call('folders/sync', undefined, token, { method: 'GET' });
    await expectProblem(answer, 405, 'method_not_allowed');
    expect((await answer).headers.get('allow')).toBe('POST');
  });
  it('unknown command: 404 unknown_command, whose rule drops nothing', async () => {
    const body = await expectProblem(stack.call('folders/nope', {}, token), 404, 'unknown_command');
    expect(body).toMatchObject({ title: errorCodes.unknown_command.title, detail: 'There is no command at this path on this server.' });
    expect(deviceRuleFor(404, body.code)?.action).toBe('report_newer_app');
  });
  it('a state that does not open: 410 sync_state_invalid', () =>
    expectProblem(stack.call('folders/sync', { state: 'AAAA' }, token), 410, 'sync_state_invalid'));
  it('a state over 4096 characters: 410', () => expectProblem(stack.call('folders/sync', { state: 'A'.repeat(4097) }, token), 410, 'sync_state_invalid'));

  it('health answers anonymously with the version', async () => {
    const response = await fetch(`${stack.hostUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
