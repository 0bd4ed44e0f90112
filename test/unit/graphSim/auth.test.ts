import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

describe('graphSim front door: tokens, ids, /me', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());

  it('answers /me for the token\'s user, with request-id and the echoed client-request-id', async () => {
    const answer = await h.get('/me', { headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'a11ce000-0000-4000-8000-0000000a11ce', displayName: 'Alice Wilber', mail: 'alice@contoso.test', userPrincipalName: 'alice@contoso.test' });
    expect(answer.headers.get('client-request-id')).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(answer.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is reachable as http://localhost:PORT and builds links on the origin the client used', async () => {
    const port = new URL(h.sim.url).port;
    const answer = await h.get(`http://localhost:${port}/v1.0/me/mailFolders?$top=2`);
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.nextLink'].startsWith(`http://localhost:${port}/v1.0/me/mailFolders?`)).toBe(true);
  });

  it.each([
    ['no Authorization header', null, 'Access token is empty.'],
    ['a malformed token', 'Bearer not-a-jwt', 'Access token validation failure.'],
    ['a Basic header', 'Basic YTpi', 'Access token is empty.'],
  ])('rejects %s with 401 InvalidAuthenticationToken', async (_name, authorization, message) => {
    const before = h.sim.state.stats;
    const answer = await h.get('/me/mailFolders', { authorization });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(answer.body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message });
    expect(answer.body.error.innerError).toEqual({ date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), 'request-id': answer.headers.get('request-id'), 'client-request-id': expect.any(String) });
    const after = h.sim.state.stats;
    expect(after.unauthorized).toBe(before.unauthorized + 1);
    expect(after.operations).toBe(before.operations); // nothing ran
  });

  it('rejects a token for another audience, and an expired one', async () => {
    const otherAudience = await h.token('alice@contoso.test', {}, 'api://ferry');
    const wrong = await h.get('/me', { authorization: `Bearer ${otherAudience}` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Access token validation failure. Invalid audience.');
    const expired = await h.token('alice@contoso.test', { exp: Math.floor(Date.now() / 1000) - 600 });
    const old = await h.get('/me', { authorization: `Bearer ${expired}` });
    expect(old.status).toBe(401);
    expect(old.body.error.message).toBe('Lifetime validation failed, the token is expired.');
  });

  it('accepts Graph\'s application id as audience too', async () => {
    const token = await h.token('bob@contoso.test', {}, '00000003-0000-0000-c000-000000000000');
    const answer = await h.get('/me', { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect(answer.body.userPrincipalName).toBe('bob@contoso.test');
  });

  it('serves /users/{oid|upn} for the caller only: another user is ErrorAccessDenied, an unknown one ErrorInvalidUser', async () => {
    expect((await h.get('/users/alice@contoso.test/mailFolders/inbox')).status).toBe(200);
    expect((await h.get('/users/a11ce000-0000-4000-8000-0000000a11ce/mailFolders/inbox')).status).toBe(200);
    const other = await h.get('/users/bob@contoso.test/mailFolders/inbox');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('ErrorAccessDenied');
    expect((await h.get('/users/nobody@contoso.test/messages')).body.error.code).toBe('ErrorInvalidUser');
  });

  it('answers MailboxNotEnabledForRESTAPI for a user without a simulated mailbox', async () => {
    const answer = await h.get('/me/mailFolders', { user: 'erin@fabrikam.test' });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('MailboxNotEnabledForRESTAPI');
  });

  it('answers unknown segments 400 BadRequest and a wrong method 405', async () => {
    const unknown = await h.get('/me/onenote');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'onenote'." });
    expect((await h.call('PUT', '/me/mailFolders/inbox')).status).toBe(405);
  });

  it('answers a body that is not JSON with Graph\'s 400', async () => {
    const answer = await h.call('PATCH', '/me/mailFolders/inbox', { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BadRequest');
  });
});
