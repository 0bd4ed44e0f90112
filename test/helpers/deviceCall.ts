import { deviceCommands } from '../../shared/commands/deviceCommands';
import { isRawCommand } from '../../shared/protocol/commandDefinition';

/** Routes of the raw (GET) commands: their "body" travels as query parameters. */
export const rawCommandRoutes: ReadonlySet<string> = new Set(deviceCommands.filter(isRawCommand).map((command) => command.route));

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
 * One device call as an app makes it: `POST /api/v1/<command>` with a JSON body, or for a raw command
 * `GET /api/v1/<command>?<body as query parameters>` with no body. The bearer token in `Authorization`.
 */
export async function deviceCall(hostUrl: string, command: string, body: unknown, token: string | null, init: DeviceCallInit = {}): Promise<DeviceCallAnswer> {
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
