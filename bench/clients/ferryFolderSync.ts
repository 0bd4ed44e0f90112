import type { SyncRun } from './ferrySync';
import type { LinkClient } from './linkClient';

/** A device syncing the folder tree through Ferry: folders/sync until `more: false`. */
export async function ferryFolderSync(client: LinkClient, token: string, state?: string): Promise<SyncRun & { state: string; upserts: number }> {
  const answers: unknown[] = [];
  let wireBodyBytes = 0;
  let upserts = 0;
  for (let call = 1; ; call++) {
    const answer = await client.request({ method: 'POST', path: '/api/v1/folders/sync', headers: { authorization: `Bearer ${token}` }, body: state ? { state } : {} });
    if (answer.status !== 200) throw new Error(`folders/sync answered ${answer.status} ${(answer.json as { code?: string } | undefined)?.code ?? ''}`);
    const body = answer.json as { state: string; more: boolean; upserts: unknown[] };
    answers.push(body);
    wireBodyBytes += answer.wireBodyBytes;
    upserts += body.upserts.length;
    state = body.state;
    if (!body.more) return { roundTrips: call, wireBodyBytes, answers, state, upserts };
    if (call >= 20) throw new Error('folders/sync kept answering more: true');
  }
}
