import { buildRequest } from '../../../shared/graph/operations';
import { graphError, ok } from './helpers/fakeGraph';
import { rejectionOf, sendMail, setupClient, token } from './helpers/setupClient';

/** Every field name the client may log; values are ids, codes, counts and durations. */
const allowedFields = new Set([
  'level',
  'event',
  'operation',
  'attempt',
  'clientRequestId',
  'status',
  'durationInMs',
  'graphRequestId',
  'errorCode',
  'retryReason',
  'retryAfterInMs',
  'budgetSpentInMs',
  'itemCount',
  'throttledItemCount',
]);

describe('logs', () => {
  it('hold nothing but ids, codes, counts and durations', async () => {
    const { client, graph, logs } = setupClient({ waitBudgetInMs: 2500 });
    const secretQuery = buildRequest(
      'messages.delta',
      { folderId: 'AAMkAGI2THVSAAA=' },
      { query: { $filter: "from/emailAddress/address eq 'alice@contoso.com'" }, headers: { Prefer: 'odata.maxpagesize=5' } },
    );
    graph.reply(
      graphError(429, 'TooManyRequests', { 'retry-after': '1' }),
      ok({ value: [{ subject: 'Merger plans' }], '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/me/x?$deltatoken=SECRETTOKEN' }),
      { networkError: 'ECONNRESET' },
      graphError(429, 'TooManyRequests', { 'retry-after': '1' }),
      ok({ responses: [{ id: '1', status: 429, headers: { 'retry-after': '1' } }] }),
    );

    for await (const page of client.pages(secretQuery)) void page;
    await rejectionOf(client.send(sendMail));
    await client.batch([secretQuery]);

    const text = logs.lines.join('\n');
    for (const secret of [token, 'eyJ', 'alice', 'contoso', 'Merger', 'Quarterly', 'SECRETTOKEN', '$filter', 'graph.microsoft.com', 'AAMkAGI2', 'Bearer', 'mailFolders/']) {
      expect(text).not.toContain(secret);
    }
    const records = logs.records();
    expect(records.map((r) => r.event)).toEqual(
      expect.arrayContaining(['graph.response', 'graph.retry', 'graph.transport_error', 'graph.retry_refused', 'graph.batch']),
    );
    for (const record of records) {
      for (const [field, value] of Object.entries(record)) {
        expect(allowedFields).toContain(field);
        expect(['string', 'number']).toContain(typeof value);
      }
    }
    expect(records.find((r) => r.event === 'graph.response')).toMatchObject({
      operation: 'messages.delta',
      status: 429,
      attempt: 1,
      durationInMs: 0,
    });
  });
});
