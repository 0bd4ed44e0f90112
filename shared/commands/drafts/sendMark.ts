import { randomBytes } from 'node:crypto';
import { ferryPropertySet } from './draftStamp';

/**
 * Ferry's send mark on a draft (issue 15, "Exactly once"): one named String extended property in
 * Ferry's namespace, `v1;<epoch ms>;<nonce>`, written (compare-and-set with If-Match) before `/send` and
 * cleared (`v1;cleared`: UNVERIFIED whether Graph would take an empty value, so none is written) when a
 * send was definitely refused or never posted. Whoever's nonce is on the draft may send it. Pure but
 * for the nonce.
 */
export const sendMarkPropertyId = `String ${ferryPropertySet} Name FerrySendMark`;

/** How long a device waits before asking again about a send in flight (a Sent copy mostly shows within seconds). */
export const sendPendingRetryAfterInMs = 2000;

export interface SendMark {
  atInMs: number;
  nonce: string;
}

const markForm = /^v1;(\d{1,16});([0-9a-f]{32})$/;
export const clearedMark = 'v1;cleared';

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function formatMark(mark: SendMark): string {
  return `v1;${mark.atInMs};${mark.nonce}`;
}

/** The mark a property value carries; anything else (absent, cleared, foreign) is no mark. */
export function parseMark(value: string | undefined): SendMark | undefined {
  const match = value === undefined ? null : markForm.exec(value);
  return match ? { atInMs: Number(match[1]), nonce: match[2]! } : undefined;
}

/** The message's send mark, read from an answer that expanded the mark's property. */
export function markOf(message: { singleValueExtendedProperties?: Array<{ id?: string; value?: string }> } | undefined): SendMark | undefined {
  const property = message?.singleValueExtendedProperties?.find((p) => p.id?.toLowerCase() === sendMarkPropertyId.toLowerCase());
  return parseMark(property?.value);
}

export function markProperty(value: string): Array<{ id: string; value: string }> {
  return [{ id: sendMarkPropertyId, value }];
}

/**
 * What a mark found on a draft means: none, a send another call is running or ran (`young`, answer
 * `pending`), or one older than FERRY_SEND_STUCK_MS (`stuck`: 409 until the user forces).
 */
export function judgeMark(mark: SendMark | undefined, nowInMs: number, stuckAfterInMs: number): 'none' | 'young' | 'stuck' {
  if (!mark) return 'none';
  return nowInMs - mark.atInMs < stuckAfterInMs ? 'young' : 'stuck';
}
