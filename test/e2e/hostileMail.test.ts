import { hostileBodies } from '../../bench/corpus/hostileBodies';
import { htmlMarkupAllowance } from '../../shared/translate/shapeBody';
import { startStack, type Stack } from '../helpers/startStack';
import { browserView, cutProblems } from '../unit/translate/browserOracle';

/**
 * Issue #24: mail content is hostile input. Anyone can mail a user, so every subject, name, category
 * and body Ferry relays is a stranger's. Through the whole stack (simulator, host, device call):
 * lone surrogates reach the device as U+FFFD, never as `"\udc00"` (point 5); each hostile body of
 * the issue goes through the simulator and Ferry's cut, within what a device asked for (points 1-3).
 */
describe('hostile mail through the stack', () => {
  let stack: Stack;
  let alice: string;
  const upn = 'alice@contoso.test';

  beforeAll(async () => {
    stack = await startStack();
    alice = await stack.token(upn);
  });
  afterAll(() => stack.close());

  async function newFolder(name: string): Promise<string> {
    return (await stack.graph('POST', '/me/mailFolders', upn, { displayName: name })).body.id;
  }

  function strings(value: unknown): string[] {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.flatMap(strings);
    if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
    return [];
  }

  it('sends lone surrogates of a subject, name, category and body as U+FFFD in mail/sync and mail/get', async () => {
    const folderId = await newFolder('Surrogates');
    const id = stack.sim.state.simulateArrival(upn, {
      folder: folderId,
      subject: 'Invoice \udc00 due',
      from: { name: 'Mallory \ud83d', address: 'mallory@fabrikam.test' },
      categories: ['Red\ud800'],
      bodyHtml: '<p>Pay \udfff now 😀</p>',
    });
    for (const type of ['html', 'text'] as const) {
      const sync = await stack.call('mail/sync', { folderId, body: { type } }, alice);
      expect(sync.status).toBe(200);
      expect(strings(sync.body).every((text) => text.isWellFormed())).toBe(true);
      const message = sync.body.upserts.find((candidate: { id: string }) => candidate.id === id);
      expect(message).toMatchObject({ subject: 'Invoice \ufffd due', from: { name: 'Mallory \ufffd' }, categories: ['Red\ufffd'] });
      expect(message.body.content).toContain('Pay \ufffd now 😀');
    }
    const get = await stack.call('mail/get', { id }, alice);
    expect(get.status).toBe(200);
    expect(strings(get.body).every((text) => text.isWellFormed())).toBe(true);
    expect(get.body.message.subject).toBe('Invoice \ufffd due');
  });

  it('syncs a folder of every hostile body of the issue (1 MB each), cut within maxChars, faithfully', async () => {
    const folderId = await newFolder('Hostile bodies');
    const megabyte = 1024 * 1024;
    /** HTML bodies as sent (a text body comes back as the simulator's HTML of it: not compared). */
    const sent = new Map<string, string | undefined>();
    for (const shape of hostileBodies) {
      const content = shape.build(megabyte);
      const id = stack.sim.state.simulateArrival(upn, { folder: folderId, subject: shape.name, ...(shape.contentType === 'html' ? { bodyHtml: content } : { bodyText: content }) });
      sent.set(id, shape.contentType === 'html' ? content : undefined);
    }
    const received = new Map<string, { type: string; content: string; truncated?: boolean }>();
    let state: string | undefined;
    for (let call = 0; call < 20; call++) {
      const answer = await stack.call('mail/sync', { folderId, window: 50, body: { type: 'html', maxChars: 512 }, ...(state ? { state } : {}) }, alice);
      expect(answer.status).toBe(200);
      for (const message of answer.body.upserts) received.set(message.id, message.body);
      state = answer.body.state;
      if (!answer.body.more) break;
    }
    expect(new Set(received.keys())).toEqual(new Set(sent.keys()));
    for (const [id, body] of received) {
      const whole = sent.get(id);
      expect(body.type).toBe('html');
      expect(body.content.length).toBeLessThanOrEqual(512 + htmlMarkupAllowance);
      expect(browserView(body.content).visibleText.length).toBeLessThanOrEqual(512);
      if (whole === undefined) continue;
      if (body.truncated) expect(cutProblems(whole, body.content)).toEqual([]);
      else expect(body.content).toBe(whole);
    }
  });
});
