import { randomBytes } from 'node:crypto';
import { mailDraftCommand } from '../../../shared/commands/mailDraft';
import { mailSendCommand } from '../../../shared/commands/mailSend';
import { judgeMark, parseMark, formatMark } from '../../../shared/commands/drafts/sendMark';
import type { Clock } from '../../../shared/clock';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import type { GraphClient } from '../../../shared/graph/graphRequest';
import { FerryError } from '../../../shared/protocol/ferryError';
import { PendingAnswer } from '../../../shared/protocol/pendingAnswer';
import { commandContextFor } from '../../helpers/commandContextFor';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

/**
 * mail/send's clock rules with an injected clock, against the simulator: a mark younger than
 * FERRY_SEND_STUCK_MS is `pending`, an older one 409 `send_stuck` until `force`; a try that reaches
 * `/send` past FERRY_SEND_FENCE_MS from its arrival clears its mark and answers 503, sending nothing.
 */
describe('mail/send with an injected clock', () => {
  let h: GraphSimHarness;
  let real: GraphClient;
  const upn = 'alice@contoso.test';
  let nowInMs = Date.parse('2026-01-01T00:00:00Z');
  const clock: Clock = { now: () => nowInMs, sleep: async () => undefined };
  const sends = () => h.sim.state.stats.byOperation['messages.send'] ?? 0;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, sendWindowInMs: 10 });
    real = createGraphClient({ graphUrl: h.sim.url, getToken: () => h.token(upn) });
  });
  afterAll(() => h.close());

  const context = (graph: GraphClient = real) => ({ ...commandContextFor(graph), clock });
  const draft = async (subject: string) => {
    const answer = await mailDraftCommand.handler({ clientMessageId: `u-${randomBytes(6).toString('hex')}`, to: [{ address: 'bob@contoso.test' }], subject }, context());
    return answer.draftId;
  };
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as FerryError);

  it('reads marks: young, stuck at FERRY_SEND_STUCK_MS, none for a cleared or foreign value', () => {
    const mark = { atInMs: 1000, nonce: 'a'.repeat(32) };
    expect(parseMark(formatMark(mark))).toEqual(mark);
    expect(judgeMark(mark, 1000 + 899_999, 900_000)).toBe('young');
    expect(judgeMark(mark, 1000 + 900_000, 900_000)).toBe('stuck');
    expect([parseMark('v1;cleared'), parseMark('something else'), parseMark(undefined)]).toEqual([undefined, undefined, undefined]);
  });

  it('a send of unknown outcome leaves its mark: pending until FERRY_SEND_STUCK_MS, then send_stuck; force sends once', async () => {
    const draftId = await draft('Clock stuck');
    h.sim.state.failNext({ operation: 'messages.send', kind: 'refused' });
    expect(await mailSendCommand.handler({ draftId }, context())).toBeInstanceOf(PendingAnswer);
    nowInMs += 899_000;
    expect(await mailSendCommand.handler({ draftId }, context())).toBeInstanceOf(PendingAnswer);
    nowInMs += 1_000;
    expect((await failure(mailSendCommand.handler({ draftId }, context())))?.code).toBe('send_stuck');
    const before = sends();
    expect(await mailSendCommand.handler({ draftId, force: true }, context())).toEqual({ status: 'submitted' });
    expect(sends() - before).toBe(1);
  });

  it('force on a young mark sends nothing (pending): only a stuck mark is replaced', async () => {
    const draftId = await draft('Clock young force');
    h.sim.state.failNext({ operation: 'messages.send', kind: 'refused' });
    await mailSendCommand.handler({ draftId }, context());
    const before = sends();
    expect(await mailSendCommand.handler({ draftId, force: true }, context())).toBeInstanceOf(PendingAnswer);
    expect(sends()).toBe(before);
  });

  it('past the fence before /send: the mark is cleared, 503 upstream_unavailable, nothing sent; the repeat sends', async () => {
    const draftId = await draft('Clock fence');
    // The mark's PATCH takes (on the injected clock) longer than FERRY_SEND_FENCE_MS.
    const slow: GraphClient = {
      ...real,
      send: async (request) => {
        const answer = await real.send(request);
        if (request.operation === 'messages.update') nowInMs += 20_001;
        return answer as never;
      },
    };
    const before = sends();
    const error = await failure(mailSendCommand.handler({ draftId }, context(slow)));
    expect([error?.code, error?.status, error?.logReason]).toEqual(['upstream_unavailable', 503, 'send_fence']);
    expect(sends()).toBe(before);
    expect(await mailSendCommand.handler({ draftId }, context())).toEqual({ status: 'submitted' });
    expect(sends() - before).toBe(1);
  });
});
