import { buildSearchKql, searchParameter } from '../../shared/graph/requests/searchKql';
import { searchSelectFields } from '../../shared/translate/toSearchMessage';
import type { LinkClient } from '../clients/linkClient';
import { row } from '../report/rows';
import { benchUser } from '../stack/benchMailboxes';
import type { RunOutcome } from './benchContext';
import { runRepeats } from './runRepeats';
import { absoluteRows, bytesRow, type Breakdown, type Scenario } from './scenario';

/** A word nearly every message of the bench corpus holds, so a page is full. */
const text = 'the';
const limit = 25;

async function ferrySearch(client: LinkClient, token: string): Promise<RunOutcome & { messages: number }> {
  const answer = await client.request({ method: 'POST', path: '/api/v1/mail/search', headers: { authorization: `Bearer ${token}` }, body: { text, limit } });
  if (answer.status !== 200) throw new Error(`mail/search answered ${answer.status} ${(answer.json as { code?: string } | undefined)?.code ?? ''}`);
  const body = answer.json as { messages: unknown[] };
  return { roundTrips: 1, wireBodyBytes: answer.wireBodyBytes, answers: [body], messages: body.messages.length };
}

/**
 * The best direct client's search: the same KQL, the fields a result list shows (Ferry's, with the
 * folder), `$top` 25, immutable ids, gzip. It does not leave hidden folders out.
 */
async function directSearch(client: LinkClient, token: string): Promise<RunOutcome & { messages: number }> {
  const query = new URLSearchParams({ $search: searchParameter(buildSearchKql({ text })!), $select: searchSelectFields.join(','), $top: String(limit) });
  const answer = await client.request({ method: 'GET', path: `/v1.0/me/messages?${query.toString()}`, headers: { authorization: `Bearer ${token}`, prefer: 'IdType="ImmutableId"' } });
  if (answer.status !== 200) throw new Error(`Graph $search answered ${answer.status}`);
  const body = answer.json as { value: unknown[] };
  return { roundTrips: 1, wireBodyBytes: answer.wireBodyBytes, answers: [body], messages: body.value.length };
}

/**
 * 10. Mail search, one page of 25 mailbox-wide results: `mail/search` against a direct `$search`.
 * Ferry's answer leaves defaults out and is brotli-compressed; Graph's carries every selected field
 * in its own shape. Ferry makes one more Graph call than the direct client: the `$batch` that judges
 * the results' folders (hidden ones left out).
 */
export const mailSearch: Scenario = {
  name: 'search',
  title: `mail search, one page of ${limit} results`,
  budgetInSeconds: 4,
  async run(context) {
    const ferryToken = await context.ferryToken(benchUser);
    const graphToken = await context.graphToken(benchUser);
    // Untimed warm-up, one answer per path (connections, JIT, Ferry's token cache).
    await ferrySearch(context.setup.ferry, ferryToken);
    await directSearch(context.setup.graph, graphToken);
    const found: number[] = [];
    const samples = await runRepeats(context.options.repeats, [
      { variant: 'ferry-br', run: () => context.measure('ferry-br', benchUser, async (client) => { const run = await ferrySearch(client, ferryToken); found.push(run.messages); return run; }) },
      { variant: 'direct-gzip', run: () => context.measure('direct-gzip', benchUser, (client) => directSearch(client, graphToken)) },
    ]);
    const breakdowns: Breakdown[] = [];
    return {
      rows: [
        bytesRow(samples, 'search', 'ferry-br', 'direct-gzip', 0.5, breakdowns),
        row('search.graph-calls.ferry', samples['ferry-br']!.map((s) => s.graphCalls + s.batches), 2, 'count'),
        row('search.messages.ferry', found, null, 'count'),
        ...absoluteRows(samples, 'search').filter((r) => !r.name.includes('.body-kb.')),
      ],
      breakdowns,
    };
  },
};
