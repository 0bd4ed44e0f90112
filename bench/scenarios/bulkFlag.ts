import type { LinkClient } from '../clients/linkClient';
import { row } from '../report/rows';
import { benchUser } from '../stack/benchMailboxes';
import type { RunOutcome } from './benchContext';
import { runRepeats } from './runRepeats';
import { absoluteRows, ratioRow, type Scenario } from './scenario';

const messageCount = 100;
/** Graph takes at most 20 requests per `$batch`. https://learn.microsoft.com/en-us/graph/json-batching */
const perBatch = 20;

/** The device through Ferry: one mail/update of all ids. */
async function ferryFlag(client: LinkClient, token: string, ids: string[], flag: 'flagged' | 'none'): Promise<RunOutcome> {
  const answer = await client.request({ method: 'POST', path: '/api/v1/mail/update', headers: { authorization: `Bearer ${token}` }, body: { ids, set: { flag } } });
  const results = (answer.json as { results?: Array<{ status?: string }> } | undefined)?.results;
  if (answer.status !== 200 || results?.length !== ids.length || results.some((r) => (r.status ?? 'ok') !== 'ok')) throw new Error(`mail/update answered ${answer.status}`);
  return { roundTrips: 1, wireBodyBytes: answer.wireBodyBytes, answers: [answer.json] };
}

/**
 * The best direct client: `$batch` of 20 PATCHes carrying only `flag`, each item with
 * `IdType="ImmutableId"` and `return=minimal`, one batch after the other. UNVERIFIED: whether Graph
 * honours `return=minimal` on a message PATCH; the simulator ignores it and echoes the message, to
 * both paths alike (Ferry's Graph side gets those bytes too, over the in-region link).
 */
async function directFlag(client: LinkClient, token: string, ids: string[], flag: 'flagged' | 'none'): Promise<RunOutcome> {
  const answers: unknown[] = [];
  let wireBodyBytes = 0;
  const flagStatus = flag === 'none' ? 'notFlagged' : 'flagged';
  for (let start = 0; start < ids.length; start += perBatch) {
    const requests = ids.slice(start, start + perBatch).map((id, index) => ({
      id: String(index + 1),
      method: 'PATCH',
      url: `/me/messages/${encodeURIComponent(id)}`,
      headers: { 'content-type': 'application/json', prefer: 'IdType="ImmutableId", return=minimal' },
      body: { flag: { flagStatus } },
    }));
    const answer = await client.request({ method: 'POST', path: '/v1.0/$batch', headers: { authorization: `Bearer ${token}` }, body: { requests } });
    const responses = (answer.json as { responses?: Array<{ status: number }> } | undefined)?.responses;
    if (answer.status !== 200 || responses?.length !== requests.length || responses.some((r) => r.status < 200 || r.status > 299)) throw new Error(`Graph $batch answered ${answer.status}`);
    answers.push(answer.json);
    wireBodyBytes += answer.wireBodyBytes;
  }
  return { roundTrips: answers.length, wireBodyBytes, answers };
}

/**
 * 6. Flag 100 messages: one `mail/update` against the best direct client's 5 `$batch` of 20 (device
 * requests <= 0.2). Ferry sends the same 5 `$batch` to Graph (Graph requests <= 1.0); bytes on the
 * device link are printed (Ferry's answer names every id; the direct client's batches carry the
 * PATCH bodies up and 204s down). Each repeat flips the flag, so every run changes every message.
 */
export const bulkFlag: Scenario = {
  name: 'bulk-flag',
  title: `bulk flag of ${messageCount} messages`,
  budgetInSeconds: 3,
  async run(context) {
    const ferryToken = await context.ferryToken(benchUser);
    const graphToken = await context.graphToken(benchUser);
    const listed = await context.setup.graph.request({
      method: 'GET',
      path: `/v1.0/me/mailFolders/inbox/messages?$select=id&$top=${messageCount}`,
      headers: { authorization: `Bearer ${graphToken}`, prefer: 'IdType="ImmutableId"' },
    });
    const ids = ((listed.json as { value?: Array<{ id: string }> } | undefined)?.value ?? []).map((m) => m.id);
    if (ids.length !== messageCount) throw new Error(`bulk-flag needs ${messageCount} messages in the bench Inbox, found ${ids.length}`);
    let turn = 0;
    const flag = () => (turn++ % 2 === 0 ? 'flagged' : 'none');
    const ferryRun = () => context.measure('ferry-br', benchUser, (client) => ferryFlag(client, ferryToken, ids, flag()));
    const directRun = () => context.measure('direct-gzip', benchUser, (client) => directFlag(client, graphToken, ids, flag()));
    // Its targets are counts, and bytes are counted alike with or without the link model: run unshaped.
    const samples = await context.withoutLinkModel(async () => {
      await ferryRun(); // warm-up: connections, JIT, Ferry's token cache
      await directRun();
      return runRepeats(context.options.repeats, [
        { variant: 'ferry-br', run: ferryRun },
        { variant: 'direct-gzip', run: directRun },
      ]);
    });
    const graphRequests = (s: { graphCalls: number; batches: number }) => s.graphCalls + s.batches;
    return {
      rows: [
        ratioRow(samples, 'bulk-flag.requests.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.roundTrips, 0.2),
        ratioRow(samples, 'bulk-flag.graph-requests.ferry/direct', 'ferry-br', 'direct-gzip', graphRequests, 1.0),
        ratioRow(samples, 'bulk-flag.bytes.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.deviceBytes, null),
        row('bulk-flag.graph-operations.ferry', (samples['ferry-br'] ?? []).map((s) => s.graphOperations), null, 'count'),
        ...absoluteRows(samples, 'bulk-flag').filter((r) => !r.name.includes('.body-kb.')),
      ],
      breakdowns: [],
    };
  },
};
