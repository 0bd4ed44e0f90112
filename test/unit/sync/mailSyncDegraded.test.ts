import { mailSyncCommand } from '../../../shared/commands/mailSync';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import type { GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { createLogger } from '../../../shared/observability/logger';
import { messageSchema } from '../../../shared/protocol/schemas/mail';
import { commandContextFor } from '../../helpers/commandContextFor';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

/**
 * Issue #24 point 4, "one message never blocks a folder": mail/sync against the simulator, with a
 * Graph client that spoils one message of the folder's delta. A message the translator throws on (a
 * body of a shape it does not expect) or that lacks a selected field even after its fill-in goes out
 * degraded (`unavailable` names what did not translate), the rest of the page goes out whole, the
 * state moves on, and the log names the message's id and the error's class, never its content.
 */
describe('mail/sync with a message Ferry cannot translate', () => {
  let h: GraphSimHarness;
  let real: GraphClient;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    real = createGraphClient({ graphUrl: h.sim.url, getToken: () => h.token('alice@contoso.test') });
  });
  afterAll(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;

  const contextWith = commandContextFor;

  /** The real client, with `spoil` applied to the delta entry (and every fill-in answer) of message `id`. */
  function spoilingGraph(id: string, spoil: (entry: Record<string, unknown>) => Record<string, unknown>): GraphClient {
    return {
      ...real,
      send: (request) => real.send(request),
      pages: (request) => real.pages(request),
      async page<T>(request: GraphRequest): Promise<GraphPage<T>> {
        const page = await real.page<Record<string, unknown>>(request);
        return { ...page, value: page.value.map((entry) => (entry.id === id ? spoil(entry) : entry)) as T[] };
      },
      async batch(requests) {
        const results = await real.batch(requests);
        return results.map((result) =>
          result.ok && (result.response.body as { id?: string }).id === id ? { ...result, response: { ...result.response, body: spoil(result.response.body as Record<string, unknown>) } } : result,
        );
      },
    };
  }

  function capturingLogger() {
    const lines: string[] = [];
    return { lines, logger: createLogger((_level, line) => lines.push(line)) };
  }

  const cases: Array<[string, (entry: Record<string, unknown>) => Record<string, unknown>, string[]]> = [
    // A translator that throws: the body's content is an object, which no body translator expects.
    ['its body makes the translator throw', (entry) => ({ ...entry, body: { contentType: 'html', content: { toString: 5 } } }), ['body']],
    // Graph leaves out a selected field, in the delta entry and in the fill-in's answer alike.
    ['Graph leaves out a selected field', ({ subject: _subject, ...entry }) => entry, ['subject']],
    ['a field has a shape no translator expects', (entry) => ({ ...entry, from: { emailAddress: { name: 7, address: [] } } }), ['from']],
  ];

  it.each(cases)('sends the message degraded when %s, the rest whole, and moves the state on', async (_name, spoil, unavailable) => {
    const messages = mailbox().messages('inbox');
    const spoiled = messages[1]!.id as string;
    const { lines, logger } = capturingLogger();
    const answer = await mailSyncCommand.handler({ folderId: 'inbox', window: 200, body: { type: 'html', maxChars: 200 } }, contextWith(spoilingGraph(spoiled, spoil), logger));
    expect(answer.more).toBe(false);
    expect(new Set(answer.upserts.map((message) => message.id))).toEqual(new Set(messages.map((message) => message.id)));
    for (const message of answer.upserts) {
      expect(messageSchema.safeParse(message).success).toBe(true);
      if (message.id === spoiled) {
        expect(message.unavailable).toEqual(unavailable);
        if (unavailable.includes('body')) expect(message.body).toBeUndefined();
        else expect(message.body).toEqual(expect.objectContaining({ type: expect.any(String) }));
      } else {
        expect(message.unavailable).toEqual([]);
        expect(message.body).toBeDefined();
      }
    }
    // The next call goes on from the state: the folder is not stuck on the message.
    const next = await mailSyncCommand.handler({ folderId: 'inbox', state: answer.state }, contextWith(real, logger));
    expect(next.upserts).toEqual([]);
    const degraded = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === 'mail.sync.degraded');
    expect(degraded).toEqual([{ level: 'warn', event: 'mail.sync.degraded', itemId: spoiled, errorName: 'TypeError' }]);
    const subject = mailbox().message(spoiled)!.subject as string;
    expect(lines.join('\n')).not.toContain(subject);
  });

  it('without a message to spoil, no message is degraded and nothing is logged as degraded', async () => {
    const { lines, logger } = capturingLogger();
    const answer = await mailSyncCommand.handler({ folderId: 'inbox', window: 200, body: { type: 'text' } }, contextWith(real, logger));
    expect(answer.upserts.every((message) => message.unavailable.length === 0)).toBe(true);
    expect(lines.some((line) => line.includes('degraded'))).toBe(false);
  });
});
