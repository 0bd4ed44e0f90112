import { row } from '../report/rows';
import { benchUser } from '../stack/benchMailboxes';
import { residentMiB } from '../stack/residentMemory';
import type { Sample } from './benchContext';
import { ratioRow, type Scenario } from './scenario';

const mib = 1024 * 1024;

/**
 * 10. Download a 30 MB attachment: `GET mail/attachment` against Graph's `$value` fetched directly,
 * both uncompressed. The device link carries the file once either way, so Ferry's bytes must be
 * within 1% of the direct client's (headers are the difference). The host's resident memory is sampled
 * while the bytes pass (Ferry streams them: it should not grow by the file's size). Run without the
 * link model: only bytes are targets, and 30 MB at 5 Mbit/s would take 48 s a path. `--quick`: 8 MB.
 */
export const download: Scenario = {
  name: 'download',
  title: 'download of a 30 MB attachment',
  budgetInSeconds: 15,
  async run(context) {
    const byteLength = (context.options.quick ? 8 : 30) * mib;
    const { messageId, attachmentId } = await context.stack.sim.arriveFile(benchUser, byteLength);
    const query = `message=${encodeURIComponent(messageId)}&attachment=${encodeURIComponent(attachmentId)}`;
    const ferryToken = await context.ferryToken(benchUser);
    const graphToken = await context.graphToken(benchUser);
    const pid = context.stack.hostPid;
    const samples: { 'ferry-raw': Sample[]; 'direct-raw': Sample[] } = { 'ferry-raw': [], 'direct-raw': [] };
    const growth: number[] = [];
    await context.withoutLinkModel(async () => {
      for (let repeat = 0; repeat < context.options.repeats; repeat++) {
        const before = residentMiB(pid);
        let peak = before ?? 0;
        const sampler = setInterval(() => (peak = Math.max(peak, residentMiB(pid) ?? 0)), 20);
        try {
          samples['ferry-raw'].push(
            await context.measure('ferry-raw', benchUser, async (client) => {
              const answer = await client.request({ method: 'GET', path: `/api/v1/mail/attachment?${query}`, headers: { authorization: `Bearer ${ferryToken}` } });
              if (answer.status !== 200 || answer.decodedBodyBytes !== byteLength) throw new Error(`download: Ferry answered ${answer.status} with ${answer.decodedBodyBytes} bytes`);
              return { roundTrips: 1, wireBodyBytes: answer.wireBodyBytes, answers: [] };
            }),
          );
        } finally {
          clearInterval(sampler);
        }
        if (before !== undefined) growth.push(peak - before);
        samples['direct-raw'].push(
          await context.measure('direct-raw', benchUser, async (client) => {
            const answer = await client.request({
              method: 'GET',
              path: `/v1.0/me/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}/$value`,
              headers: { authorization: `Bearer ${graphToken}`, prefer: 'IdType="ImmutableId"' },
            });
            if (answer.status !== 200 || answer.decodedBodyBytes !== byteLength) throw new Error(`download: Graph answered ${answer.status} with ${answer.decodedBodyBytes} bytes`);
            return { roundTrips: 1, wireBodyBytes: answer.wireBodyBytes, answers: [] };
          }),
        );
      }
    });
    return {
      rows: [
        ratioRow(samples, 'download.bytes.ferry-raw/direct-raw', 'ferry-raw', 'direct-raw', (s) => s.deviceBytes, 1.01),
        row('download.device-mb.ferry-raw', samples['ferry-raw'].map((s) => s.deviceBytes / mib), null, 'MB'),
        row('download.graph-calls.ferry-raw', samples['ferry-raw'].map((s) => s.graphCalls), null, 'calls'),
        row('download.host-rss-growth-mb', growth, null, 'MB'),
        row('download.host-rss-mb', [residentMiB(pid)].filter((v): v is number => v !== undefined), null, 'MB'),
      ],
      breakdowns: [],
    };
  },
};
