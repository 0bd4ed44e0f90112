import { graphError, ok } from './helpers/fakeGraph';
import { getFolder, rejectionOf, setupClient } from './helpers/setupClient';

/* What the retry loop logs, field by field (the mutation run found only the event names pinned). */
describe('retry log lines', () => {
  const retryRecords = (records: Array<Record<string, unknown>>) => records.filter((record) => String(record.event ?? record.msg ?? record.message).startsWith('graph.retry'));

  it('logs a retried network failure with its code and reason, and a refused wait as a warning with the budget spent', async () => {
    const { client, graph, logs } = setupClient({ waitBudgetInMs: 5000, random: () => 0.5 });
    graph.reply({ networkError: 'ECONNRESET' }, graphError(429, 'TooManyRequests', { 'retry-after': '10' }));
    await rejectionOf(client.send(getFolder));
    const lines = retryRecords(logs.records());
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ operation: 'mailFolders.get', errorCode: 'ECONNRESET', retryReason: 'transient', attempt: 1, retryAfterInMs: 250 });
    expect(lines[0]).not.toHaveProperty('status');
    expect(lines[1]).toMatchObject({ level: 'warn', operation: 'mailFolders.get', status: 429, retryReason: 'wait_refused', attempt: 2, retryAfterInMs: 10_000, budgetSpentInMs: 250 });
    expect(lines[1]).not.toHaveProperty('errorCode');
  });

  it('logs a broken 2xx body as broken_body, and no warning for a stop that is not a refused wait', async () => {
    const { client, graph, logs } = setupClient({ random: () => 0.5 });
    graph.reply({ status: 200, headers: { 'content-type': 'application/json' }, rawBody: '{"id":' } as never, ok({ id: 'inbox' }));
    await client.send(getFolder).catch(() => undefined);
    const lines = retryRecords(logs.records());
    expect(lines[0]).toMatchObject({ errorCode: 'broken_body', retryReason: 'transient', status: 200 });
    expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
  });
});
