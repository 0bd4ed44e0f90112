import { randomBytes } from 'node:crypto';
import { createLinkClient, type LinkClient } from '../clients/linkClient';
import { row } from '../report/rows';
import { benchUser } from '../stack/benchMailboxes';
import type { Sample } from './benchContext';
import { ratioRow, type Scenario } from './scenario';

const mib = 1024 * 1024;
/** Ferry's chunkMax; the direct client uses the same size (Graph takes under 4 MB per PUT). */
const chunkBytes = 3 * mib;
/** Repeats at most: each path's uploads stay within Outlook's upload window (150 MB per 5 minutes). */
const maxRepeats = 2;

/**
 * 12. Upload a 30 MB file to a draft: Ferry's `mail/draft/attachment` and 3 MiB `PUT
 * mail/draft/upload` chunks, against a direct client's `createUploadSession` and the same chunks PUT to
 * the session's URL (the simulator's upload origin, over a device link of its own). The device link
 * carries the file once either way, so Ferry's bytes must be within 2% of the direct client's (the
 * `upload` token each chunk carries and answers is the difference). Without the link model, as the
 * download: only bytes are targets. At most 2 repeats (Outlook's upload window: 150 MB per app and
 * mailbox in 5 minutes). `--quick`: 8 MB.
 */
export const upload: Scenario = {
  name: 'upload',
  title: 'upload of a 30 MB attachment',
  budgetInSeconds: 20,
  async run(context) {
    const byteLength = (context.options.quick ? 8 : 30) * mib;
    const file = randomBytes(byteLength);
    const ferryToken = await context.ferryToken(benchUser);
    const graphToken = await context.graphToken(benchUser);
    const samples: { 'ferry-raw': Sample[]; 'direct-raw': Sample[] } = { 'ferry-raw': [], 'direct-raw': [] };
    const uploadLink = context.stack.directUploadLink;
    const uploadClient: LinkClient = createLinkClient(uploadLink.url, 'identity');
    const chunks = Array.from({ length: Math.ceil(byteLength / chunkBytes) }, (_, i) => ({ first: i * chunkBytes, bytes: file.subarray(i * chunkBytes, (i + 1) * chunkBytes) }));
    const range = (first: number, bytes: Buffer) => `bytes ${first}-${first + bytes.length - 1}/${byteLength}`;
    try {
      await context.withoutLinkModel(async () => {
        // Outlook takes 150 MB of uploads per app and mailbox in 5 minutes (the simulator too): at most 2 x 30 MB a path.
        for (let repeat = 0; repeat < Math.min(context.options.repeats, maxRepeats); repeat++) {
          samples['ferry-raw'].push(
            await context.measure('ferry-raw', benchUser, async (client) => {
              const auth = { authorization: `Bearer ${ferryToken}` };
              const draft = await client.request({ method: 'POST', path: '/api/v1/mail/draft', headers: auth, body: { clientMessageId: `bench-upload-${randomBytes(6).toString('hex')}`, subject: 'Bench upload' } });
              const draftId = (draft.json as { draftId: string }).draftId;
              const begun = await client.request({ method: 'POST', path: '/api/v1/mail/draft/attachment', headers: auth, body: { draftId, name: 'survey.bin', contentType: 'application/octet-stream', size: byteLength } });
              let token = (begun.json as { upload: string }).upload;
              let wire = 0;
              for (const { first, bytes } of chunks) {
                const answer = await client.request({
                  method: 'PUT',
                  path: '/api/v1/mail/draft/upload',
                  headers: { ...auth, 'content-type': 'application/octet-stream', 'ferry-upload': token, 'content-range': range(first, bytes) },
                  rawBody: bytes,
                });
                if (answer.status !== 200 && answer.status !== 201) throw new Error(`upload: Ferry answered ${answer.status}`);
                token = (answer.json as { upload: string }).upload;
                wire += answer.wireBodyBytes;
              }
              return { roundTrips: chunks.length + 2, wireBodyBytes: wire, answers: [] };
            }),
          );
          const before = uploadLink.counters();
          const direct = await context.measure('direct-raw', benchUser, async (client) => {
            const auth = { authorization: `Bearer ${graphToken}`, prefer: 'IdType="ImmutableId"' };
            const draft = await client.request({ method: 'POST', path: '/v1.0/me/messages', headers: auth, body: { subject: 'Bench upload' } });
            const draftId = (draft.json as { id: string }).id;
            const session = await client.request({
              method: 'POST',
              path: `/v1.0/me/messages/${encodeURIComponent(draftId)}/attachments/createUploadSession`,
              headers: auth,
              body: { AttachmentItem: { attachmentType: 'file', name: 'survey.bin', size: byteLength, contentType: 'application/octet-stream' } },
            });
            const url = new URL((session.json as { uploadUrl: string }).uploadUrl);
            let wire = 0;
            for (const { first, bytes } of chunks) {
              const answer = await uploadClient.request({ method: 'PUT', path: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/octet-stream', 'content-range': range(first, bytes) }, rawBody: bytes });
              if (answer.status !== 200 && answer.status !== 201) throw new Error(`upload: the upload URL answered ${answer.status}`);
              wire += answer.wireBodyBytes;
            }
            return { roundTrips: chunks.length + 2, wireBodyBytes: wire, answers: [] };
          });
          // The chunks crossed the upload link, not the one measure() counts.
          const after = uploadLink.counters();
          samples['direct-raw'].push({ ...direct, deviceBytes: direct.deviceBytes + (after.up - before.up) + (after.down - before.down) });
        }
      });
    } finally {
      uploadClient.close();
    }
    return {
      rows: [
        ratioRow(samples, 'upload.bytes.ferry-raw/direct-raw', 'ferry-raw', 'direct-raw', (s) => s.deviceBytes, 1.02),
        row('upload.device-mb.ferry-raw', samples['ferry-raw'].map((s) => s.deviceBytes / mib), null, 'MB'),
        row('upload.device-mb.direct-raw', samples['direct-raw'].map((s) => s.deviceBytes / mib), null, 'MB'),
        row('upload.graph-calls.ferry-raw', samples['ferry-raw'].map((s) => s.graphCalls), null, 'calls'),
      ],
      breakdowns: [],
    };
  },
};
