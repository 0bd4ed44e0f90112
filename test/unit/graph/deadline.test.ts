import type { Clock } from '../../../shared/clock';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import { isAnswerTooLarge, isDeadlineExceeded } from '../../../shared/graph/graphErrors';
import { buildRequest } from '../../../shared/graph/operations';
import { graphError, ok } from './helpers/fakeGraph';
import { hangingTransport } from './helpers/hangingTransport';
import { getFolder, rejectionOf, sendMail, setupClient, token } from './helpers/setupClient';

/** The command's one deadline (GraphClientOptions.deadlineInMs) over every Graph call of the command. */
describe('the deadline', () => {
  it('starts no attempt when no time is left: 503 upstream_unavailable, logReason deadline, a short Retry-After', async () => {
    const { clock: probe } = setupClient();
    const { client, graph } = setupClient({ deadlineInMs: probe.now() });

    const error = await rejectionOf(client.send(getFolder));

    expect(graph.calls).toHaveLength(0);
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, logReason: 'deadline', retryAfterInMs: 2000, outcomeUnknown: false });
    expect(isDeadlineExceeded(error)).toBe(true);
  });

  it('does not start a send either (nothing reached Graph: not outcome_unknown)', async () => {
    const { clock: probe } = setupClient();
    const { client, graph } = setupClient({ deadlineInMs: probe.now() - 1 });
    await expect(client.send(sendMail)).rejects.toMatchObject({ code: 'upstream_unavailable', logReason: 'deadline' });
    expect(graph.calls).toHaveLength(0);
  });

  it('a retry whose wait ends at the deadline is not started', async () => {
    const { clock: probe } = setupClient();
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 60_000, deadlineInMs: probe.now() + 1000 });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '1' }), ok({ id: 'inbox' }));
    const error = await rejectionOf(client.send(getFolder));
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000]);
    expect(graph.calls).toHaveLength(1);
    expect(isDeadlineExceeded(error)).toBe(true);
  });

  it('holds for every page of a command: the pages already fetched stay with the caller', async () => {
    const { clock: probe } = setupClient();
    const { client, graph, clock } = setupClient({ deadlineInMs: probe.now() + 500 });
    graph.reply((_call, index) => {
      clock.advance(300);
      return ok({ value: [{ id: `m${index}` }], '@odata.nextLink': `https://graph.microsoft.com/v1.0/me/mailFolders/inbox/childFolders?$skiptoken=${index}` });
    });
    const pages: unknown[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const page of client.pages(buildRequest('mailFolders.childFolders', { folderId: 'inbox' }))) pages.push(page);
      })(),
    );
    expect(pages).toHaveLength(2);
    expect(graph.calls).toHaveLength(2);
    expect(isDeadlineExceeded(error)).toBe(true);
  });

  it('gives each $batch item the deadline error when no time is left', async () => {
    const { clock: probe } = setupClient();
    const { client, graph } = setupClient({ deadlineInMs: probe.now() });
    const results = await client.batch([buildRequest('messages.get', { messageId: 'a' }), sendMail]);
    expect(graph.calls).toHaveLength(0);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(isDeadlineExceeded(result.error)).toBe(true);
    }
  });

  it('is told apart from other failures', async () => {
    const { client, graph } = setupClient({ waitBudgetInMs: 0 });
    graph.reply(graphError(503, 'ServiceUnavailable'));
    const error = await rejectionOf(client.send(getFolder));
    expect(isDeadlineExceeded(error)).toBe(false);
    expect(isAnswerTooLarge(error)).toBe(false);
    expect(isDeadlineExceeded(new Error('deadline'))).toBe(false);
  });

  describe('each attempt\'s timeout is min(FERRY_GRAPH_TIMEOUT_MS, deadlineInMs - now)', () => {
    afterEach(() => jest.useRealTimers());


    /** Jest's fake timers move Date.now(), so the deadline and the attempt timer share one clock. */
    const timerClock: Clock = { now: () => Date.now(), sleep: async () => undefined };

    it.each([
      ['an idempotent request', getFolder, { code: 'upstream_unavailable', status: 503, retryAfterInMs: 2000 }],
      ['a send (it may have reached Graph)', sendMail, { code: 'outcome_unknown', status: 502, outcomeUnknown: true }],
    ] as const)('cuts %s short at the deadline, without a retry', async (_name, request, expected) => {
      jest.useFakeTimers({ now: 0 });
      const calls: number[] = [];
      const client = createGraphClient({
        graphUrl: 'https://graph.microsoft.com',
        getToken: async () => token,
        transport: hangingTransport(calls),
        clock: timerClock,
        attemptTimeoutInMs: 10_000,
        deadlineInMs: 3000,
      });
      const result = rejectionOf(client.send(request));
      await jest.advanceTimersByTimeAsync(2999);
      expect(calls).toEqual([0]);
      await jest.advanceTimersByTimeAsync(1);
      const error = await result;
      expect(error).toMatchObject({ ...expected, logReason: 'deadline' });
      expect(isDeadlineExceeded(error)).toBe(true);
      expect(calls).toEqual([0]);
    });

    it('keeps FERRY_GRAPH_TIMEOUT_MS when the deadline is further away: an ordinary timeout, retried', async () => {
      jest.useFakeTimers({ now: 0 });
      const calls: number[] = [];
      const client = createGraphClient({
        graphUrl: 'https://graph.microsoft.com',
        getToken: async () => token,
        transport: hangingTransport(calls),
        clock: timerClock,
        attemptTimeoutInMs: 1000,
        deadlineInMs: 1500,
      });
      const result = rejectionOf(client.send(getFolder));
      await jest.advanceTimersByTimeAsync(1000);
      expect(calls).toEqual([0, 1000]);
      // The retry gets only the 500 ms left.
      await jest.advanceTimersByTimeAsync(500);
      expect(await result).toMatchObject({ code: 'upstream_unavailable', logReason: 'deadline' });
      expect(calls).toEqual([0, 1000]);
    });
  });
});
