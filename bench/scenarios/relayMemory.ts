import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { streamGet, streamPut, type Pause } from '../clients/streamingClient';
import { row, type Row } from '../report/rows';
import { benchUser, demoUser } from '../stack/benchMailboxes';
import { withRssGrowth } from '../stack/residentMemory';
import type { BenchContext } from './benchContext';
import type { Scenario } from './scenario';

const mib = 1024 * 1024;
/** Exchange's attachment ceiling: the largest file Ferry relays. */
const downloadBytes = 150 * mib;
const uploadBytes = 30 * mib;
/** Ferry's chunkMax. */
const chunkBytes = 3 * mib;
/** The second run of each: the device stops reading (or sending) for 2 s after 10 MB (`--quick`: 0.25 s). */
const pauseOf = (quick: boolean): Pause => ({ afterBytes: 10 * mib, forMs: quick ? 250 : 2000 });
/** Growth (peak RSS - RSS before) the host may show while relaying, MB. */
const growthTargetMiB = 64;

/**
 * 17. Memory while relaying (issue 20): the host's RSS, read from /proc/<pid>/status every 20 ms,
 * while a 150 MB attachment passes through `GET mail/attachment` (loopback, the simulator in its own
 * process, the client reading at full speed and checking SHA-256 against Graph's `$value`), then again
 * with the client stopping 2 s after 10 MB; and while a 30 MB file goes up in 3 MiB `PUT
 * mail/draft/upload` chunks, both ways, read back and checked. Growth <= 64 MB each: Ferry streams, so
 * a slow device must hold back Graph, not fill the host. `--quick`: 16 MB down, 12 MB up, 0.25 s pauses.
 */
export const relayMemory: Scenario = {
  name: 'relay-memory',
  title: 'host memory while relaying a 150 MB download and a 30 MB upload',
  budgetInSeconds: 25,
  async run(context) {
    const pid = context.stack.hostPid;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const pause = pauseOf(context.options.quick);
    try {
      const rows: Row[] = [];
      const down = (context.options.quick ? 16 : 150) * mib;
      for (const [label, how] of [['full-speed', undefined], ['paused', pause]] as const) {
        const { result, growthMiB } = await withRssGrowth(pid, () => relayDownload(context, agent, down, how));
        rows.push(row(`relay-memory.download-${down / mib}mb.${label}.host-rss-growth-mb`, growthMiB === undefined ? [] : [growthMiB], growthTargetMiB, 'MB'));
        rows.push(row(`relay-memory.download-${down / mib}mb.${label}.mb-per-s`, [down / mib / (result / 1000)], null, 'MB/s'));
      }
      const up = (context.options.quick ? 12 : 30) * mib;
      for (const [label, how] of [['full-speed', undefined], ['paused', pause]] as const) {
        const { result, growthMiB } = await withRssGrowth(pid, () => relayUpload(context, agent, up, how));
        rows.push(row(`relay-memory.upload-${up / mib}mb.${label}.host-rss-growth-mb`, growthMiB === undefined ? [] : [growthMiB], growthTargetMiB, 'MB'));
        rows.push(row(`relay-memory.upload-${up / mib}mb.${label}.mb-per-s`, [up / mib / (result / 1000)], null, 'MB/s'));
      }
      return { rows, breakdowns: [] };
    } finally {
      agent.destroy();
    }
  },
};

/** One download through Ferry, hashed as it arrives and checked against Graph's own bytes; its wall ms. */
async function relayDownload(context: BenchContext, agent: http.Agent, byteLength: number, how: Pause | undefined): Promise<number> {
  const { messageId, attachmentId } = await context.stack.sim.arriveFile(benchUser, byteLength);
  const ferryToken = await context.ferryToken(benchUser);
  const started = performance.now();
  const query = new URLSearchParams({ message: messageId, attachment: attachmentId });
  const ferry = await streamGet(`${context.stack.hostUrl}/api/v1/mail/attachment?${query}`, { authorization: `Bearer ${ferryToken}` }, agent, how);
  const wallInMs = performance.now() - started;
  if (ferry.status !== 200 || ferry.bytes !== byteLength) throw new Error(`relay-memory: Ferry answered ${ferry.status} with ${ferry.bytes} bytes`);
  const graph = await streamGet(
    `${context.stack.graphUrl}/v1.0/me/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}/$value`,
    { authorization: `Bearer ${await context.graphToken(benchUser)}`, prefer: 'IdType="ImmutableId"' },
    new http.Agent(),
  );
  if (graph.sha256 !== ferry.sha256) throw new Error('relay-memory: the downloaded file differs from Graph\'s');
  return wallInMs;
}

/** One upload through Ferry in 3 MiB chunks, read back through Ferry and checked; its wall ms (the PUTs). */
async function relayUpload(context: BenchContext, agent: http.Agent, byteLength: number, how: Pause | undefined): Promise<number> {
  // alice, not the bench user: the upload scenario spends the bench user's Outlook upload window (150 MB in 5 minutes).
  const token = await context.ferryToken(demoUser);
  const auth = { authorization: `Bearer ${token}` };
  const file = randomBytes(byteLength);
  const draft = await context.setup.ferry.request({ method: 'POST', path: '/api/v1/mail/draft', headers: auth, body: { clientMessageId: `relay-${randomBytes(6).toString('hex')}`, subject: 'Relay memory' } });
  const draftId = (draft.json as { draftId: string }).draftId;
  const begun = await context.setup.ferry.request({ method: 'POST', path: '/api/v1/mail/draft/attachment', headers: auth, body: { draftId, name: 'survey.bin', contentType: 'application/octet-stream', size: byteLength } });
  if (begun.status !== 200) throw new Error(`relay-memory: mail/draft/attachment answered ${begun.status}`);
  let upload = (begun.json as { upload: string }).upload;
  let attachmentId: string | undefined;
  const started = performance.now();
  for (let first = 0; first < byteLength; first += chunkBytes) {
    const bytes = file.subarray(first, first + chunkBytes);
    // The pause falls inside the chunk that holds the 10 MB mark.
    const pauseHere = how && first <= how.afterBytes && how.afterBytes < first + bytes.length ? { ...how, afterBytes: how.afterBytes - first } : undefined;
    const answer = await streamPut(
      `${context.stack.hostUrl}/api/v1/mail/draft/upload`,
      { ...auth, 'content-type': 'application/octet-stream', 'ferry-upload': upload, 'content-range': `bytes ${first}-${first + bytes.length - 1}/${byteLength}` },
      bytes,
      agent,
      pauseHere,
    );
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`relay-memory: PUT mail/draft/upload answered ${answer.status}`);
    const json = answer.json as { upload?: string; attachmentId?: string };
    if (json.upload) upload = json.upload;
    attachmentId = json.attachmentId ?? attachmentId;
  }
  const wallInMs = performance.now() - started;
  if (!attachmentId) throw new Error('relay-memory: the last chunk answered no attachmentId');
  const back = await streamGet(`${context.stack.hostUrl}/api/v1/mail/attachment?${new URLSearchParams({ message: draftId, attachment: attachmentId })}`, auth, agent);
  if (back.sha256 !== createHash('sha256').update(file).digest('hex')) throw new Error('relay-memory: the uploaded file reads back different');
  return wallInMs;
}
