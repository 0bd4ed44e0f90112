import { deviceCommands } from '../../shared/commands/deviceCommands';
import { isRawCommand } from '../../shared/protocol/commandDefinition';

/** Routes of the raw GET commands (downloads): their "body" travels as query parameters. */
export const rawCommandRoutes: ReadonlySet<string> = new Set(deviceCommands.filter((command) => isRawCommand(command) && command.method === 'GET').map((command) => command.route));

/** Routes of the raw PUT commands (upload chunks): their "body" is the headers they read, and `bytes` (base64) the body. */
export const rawPutRoutes: ReadonlySet<string> = new Set(deviceCommands.filter((command) => isRawCommand(command) && command.method === 'PUT').map((command) => command.route));

/** An upload chunk as a scenario writes it: the headers `PUT mail/draft/upload` reads, and the bytes as base64. */
export function rawPutInit(body: Record<string, string>): DeviceCallInit {
  const { bytes, ...headers } = body;
  return { method: 'PUT', headers: { 'content-type': 'application/octet-stream', ...headers }, rawBody: Buffer.from(bytes ?? '', 'base64') };
}

export interface DeviceCallInit {
  headers?: Record<string, string>;
  method?: string;
  rawBody?: string | Uint8Array;
}

export interface DeviceCallAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON (a command's answer, or a problem); undefined for a download. */
  body: any;
  /** A download's bytes (any answer that is not JSON). */
  bytes?: Buffer;
}

/**
 * One device call as an app makes it: `POST /api/v1/<command>` with a JSON body, for a raw GET command
 * `GET /api/v1/<command>?<body as query parameters>` with no body, for a raw PUT command the body's
 * fields as headers and its `bytes` as the body (rawPutInit). The bearer token in `Authorization`.
 */
export async function deviceCall(hostUrl: string, command: string, body: unknown, token: string | null, given: DeviceCallInit = {}): Promise<DeviceCallAnswer> {
  const init = rawPutRoutes.has(command) && given.method === undefined ? rawPutInit(body as Record<string, string>) : given;
  const raw = rawCommandRoutes.has(command) && init.method === undefined;
  const headers: Record<string, string> = raw ? { ...init.headers } : { 'content-type': 'application/json', ...init.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const method = init.method ?? (raw ? 'GET' : 'POST');
  const query = raw ? `?${new URLSearchParams(body as Record<string, string>).toString()}` : '';
  const response = await fetch(`${hostUrl}/api/v1/${command}${query}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : (init.rawBody ?? JSON.stringify(body)),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = /json/i.test(response.headers.get('content-type') ?? '');
  return { status: response.status, headers: response.headers, body: isJson && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined, ...(isJson ? {} : { bytes }) };
}
