import axios, { type AxiosResponse } from 'axios';
import { TransportError } from './transportError';

/*
 * What the axios transports (whole answers: axiosTransport.ts; streams: sendForStream.ts) share: how a
 * failed attempt becomes a TransportError, and Graph's headers as a plain record.
 */

/** axios's own message for an answer past maxContentLength (its code, ERR_BAD_RESPONSE, is shared with other faults). */
const tooLargeMessage = /^maxContentLength size of \d+ exceeded$/;

/** Node puts the system code on the error, its cause, or (Happy Eyeballs) the first of an AggregateError. */
export function readErrorCode(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown })?.code;
    if (typeof code === 'string') return code;
    const first = (candidate as { errors?: unknown[] })?.errors?.[0];
    const nested = (first as { code?: unknown })?.code;
    if (typeof nested === 'string') return nested;
  }
  return undefined;
}

export function toHeaderRecord(headers: AxiosResponse['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  const plain: Record<string, unknown> =
    typeof (headers as { toJSON?: unknown })?.toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : (headers ?? {});
  for (const [name, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue;
    record[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return record;
}

/** Why the per-attempt timer aborted an attempt (told apart from the caller's own abort). */
export const attemptTimedOut = Symbol('attemptTimedOut');

/**
 * What an attempt that threw becomes: the caller's abort reason, a timeout (`ETIMEDOUT`, or `DEADLINE`
 * when the command's deadline cut the attempt shorter), an answer too large, or a TransportError with
 * the network code only. A body larger than the cap that Ferry built is a programming mistake.
 */
export function attemptFailure(error: unknown, { signal, timer, cutByDeadline }: { signal?: AbortSignal; timer: AbortSignal; cutByDeadline: boolean }): unknown {
  if (signal?.aborted) return signal.reason;
  if (timer.aborted) return cutByDeadline ? new TransportError('DEADLINE', { deadline: { sent: true } }) : new TransportError('ETIMEDOUT');
  if (axios.isAxiosError(error) && tooLargeMessage.test(error.message)) return new TransportError('ERR_ANSWER_TOO_LARGE');
  // Nothing was sent; Ferry built a body no Graph operation takes: a programming mistake.
  if (axios.isAxiosError(error) && error.message === 'Request body larger than maxBodyLength limit') {
    return new RangeError('A Graph request body is larger than the answer size cap (maxGraphAnswerBytes).');
  }
  if (axios.isAxiosError(error)) return new TransportError(readErrorCode(error));
  return error;
}
