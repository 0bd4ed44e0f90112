import axios, { AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import type { FakeClock } from './fakeClock';

/**
 * Transport injection for tests: a real axios instance whose adapter is this fake. The client's whole
 * pipeline (axios config, headers, parsing) runs; only the socket is replaced. Each call is recorded with
 * the fake clock's time, so tests assert the exact retry moments.
 */
export interface RecordedCall {
  method: string;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
  /** Fake clock time the request was sent at. */
  at: number;
}

export type FakeReply =
  | { status: number; headers?: Record<string, string>; body?: unknown; rawBody?: string }
  /** A network failure with this Node error code (ECONNREFUSED, ECONNRESET, ...). */
  | { networkError: string };

export type FakeRoute = (call: RecordedCall, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeGraph {
  transport: AxiosInstance;
  calls: RecordedCall[];
  /** Answers calls in order from this list (the last entry repeats), or through a function. */
  reply(...replies: Array<FakeReply | FakeRoute>): void;
}

export const graphUrl = 'https://graph.microsoft.com';

export function ok(body: unknown, headers: Record<string, string> = {}): FakeReply {
  return { status: 200, headers: { 'content-type': 'application/json', 'request-id': 'b6c2a1f0-0000-4000-8000-000000000001', ...headers }, body };
}

export function graphError(status: number, code: string, headers: Record<string, string> = {}): FakeReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: { error: { code, message: `secret message about alice@contoso.com ${code}` } } };
}

export function createFakeGraph(clock: FakeClock): FakeGraph {
  const calls: RecordedCall[] = [];
  let replies: Array<FakeReply | FakeRoute> = [ok({ value: [] })];

  const adapter = async (config: InternalAxiosRequestConfig) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(config.headers.toJSON())) headers[name.toLowerCase()] = String(value);
    const call: RecordedCall = {
      method: (config.method ?? 'get').toUpperCase(),
      url: new URL(config.url as string),
      headers,
      body: typeof config.data === 'string' ? JSON.parse(config.data) : config.data,
      at: clock.now(),
    };
    const index = calls.push(call) - 1;
    const entry = replies[Math.min(index, replies.length - 1)] as FakeReply | FakeRoute;
    const reply = typeof entry === 'function' ? await entry(call, index) : entry;
    if ('networkError' in reply) throw new AxiosError(`fake ${reply.networkError}`, reply.networkError, config);
    return {
      status: reply.status,
      statusText: '',
      headers: reply.headers ?? {},
      data: reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)),
      config,
      request: {},
    };
  };

  return {
    transport: axios.create({ adapter }),
    calls,
    reply: (...next) => {
      replies = next;
    },
  };
}
