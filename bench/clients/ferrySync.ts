import type { LinkClient } from './linkClient';
import { parseServerTiming, type ServerTimingEntry } from '../report/serverTimingRows';

export interface SyncRun {
  /** Requests the device made: one round trip each. */
  roundTrips: number;
  wireBodyBytes: number;
  /** Every decoded answer body, in order (for the bytes-by-field-group breakdown). */
  answers: unknown[];
  /** Ferry's Server-Timing of each answer that carried one (direct Graph sends none). */
  serverTimings?: ServerTimingEntry[];
}

export interface FerrySyncRequest {
  folderId: string;
  window: number;
  body?: { type: 'none' | 'text' | 'html'; maxChars?: number };
  state?: string;
}

interface MailSyncAnswer {
  state: string;
  more: boolean;
  upserts: unknown[];
  removed: string[];
}

/**
 * A device syncing one folder through Ferry: mail/sync until `more: false` (or only the first answer,
 * for the first screen). Returns the state to continue from.
 */
export async function ferrySync(client: LinkClient, token: string, request: FerrySyncRequest, options: { firstAnswerOnly?: boolean; maxCalls?: number } = {}): Promise<SyncRun & { state: string }> {
  const answers: unknown[] = [];
  const serverTimings: ServerTimingEntry[] = [];
  let wireBodyBytes = 0;
  let state = request.state;
  for (let call = 1; ; call++) {
    const answer = await client.request({
      method: 'POST',
      path: '/api/v1/mail/sync',
      headers: { authorization: `Bearer ${token}` },
      body: { folderId: request.folderId, window: request.window, ...(request.body ? { body: request.body } : {}), ...(state ? { state } : {}) },
    });
    if (answer.status !== 200) throw new Error(`mail/sync answered ${answer.status} ${(answer.json as { code?: string } | undefined)?.code ?? ''}`);
    const body = answer.json as MailSyncAnswer;
    answers.push(body);
    const timing = parseServerTiming(answer.headers['server-timing']);
    if (timing) serverTimings.push(timing);
    wireBodyBytes += answer.wireBodyBytes;
    state = body.state;
    if (!body.more || options.firstAnswerOnly) return { roundTrips: call, wireBodyBytes, answers, serverTimings, state };
    if (call >= (options.maxCalls ?? 200)) throw new Error('mail/sync kept answering more: true');
  }
}
