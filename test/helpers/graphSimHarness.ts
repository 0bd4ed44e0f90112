import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { findUser } from '../../dev/directory';
import { createGraphSimulator, type GraphSimulator, type GraphSimulatorOptions } from '../../dev/graphSim/createGraphSimulator';

/** An answer of the simulator, body parsed when there is one. */
export interface SimAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  user?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this Authorization header value instead of a token for `user`. */
  authorization?: string | null;
  /**
   * The id form asked for: `immutable` (default) adds `IdType="ImmutableId"` to the Prefer header, as
   * Ferry does on every request; `rest` sends none, so messages and attachments come in REST form.
   */
  idType?: 'immutable' | 'rest';
}

/** `headers` with `IdType="ImmutableId"` merged into its Prefer (whatever its case), unless one is there. */
function withIdType(headers: Record<string, string>, idType: 'immutable' | 'rest'): Record<string, string> {
  if (idType === 'rest') return headers;
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'prefer') ?? 'prefer';
  const current = headers[name];
  if (current !== undefined && /idtype/i.test(current)) return headers;
  return { ...headers, [name]: current ? `IdType="ImmutableId", ${current}` : 'IdType="ImmutableId"' };
}

export interface GraphSimHarness {
  sim: GraphSimulator;
  /** A Graph token signed by the harness's own key (no IdP needed). */
  token(user?: string, claims?: JWTPayload, audience?: string): Promise<string>;
  /** Calls a path under /v1.0 (`/me/mailFolders`) or an absolute link the simulator gave. */
  call(method: string, pathOrUrl: string, options?: CallOptions): Promise<SimAnswer>;
  get(pathOrUrl: string, options?: CallOptions): Promise<SimAnswer>;
  close(): Promise<void>;
}

/** Starts a simulator on a random port with a throw-away signing key. */
export async function startGraphSim(options: Partial<GraphSimulatorOptions> = {}): Promise<GraphSimHarness> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const sim = await createGraphSimulator({ port: 0, jwks: createLocalJWKSet({ keys: [jwk] }), ...options });
  const tokens = new Map<string, Promise<string>>();

  const token = (user = 'alice@contoso.test', claims: JWTPayload = {}, audience = 'https://graph.microsoft.com') => {
    const jwt = new SignJWT({ oid: findUser(user)?.oid ?? user, ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setAudience(audience);
    if (claims.exp === undefined) jwt.setIssuedAt().setExpirationTime('1h');
    return jwt.sign(privateKey);
  };

  const call = async (method: string, pathOrUrl: string, callOptions: CallOptions = {}): Promise<SimAnswer> => {
    const user = callOptions.user ?? 'alice@contoso.test';
    if (!tokens.has(user)) tokens.set(user, token(user));
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${sim.url}/v1.0${pathOrUrl}`;
    const headers = withIdType({ ...(callOptions.headers ?? {}) }, callOptions.idType ?? 'immutable');
    if (callOptions.authorization !== null) headers.authorization = callOptions.authorization ?? `Bearer ${await tokens.get(user)!}`;
    if (callOptions.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(url, { method, headers, body: callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };

  return {
    sim,
    token,
    call,
    get: (pathOrUrl, callOptions) => call('GET', pathOrUrl, callOptions),
    close: () => sim.close(),
  };
}

/** Follows nextLinks to the deltaLink (or the end of a list), collecting every entry. */
export async function drain(harness: GraphSimHarness, first: string, options: CallOptions = {}): Promise<{ entries: Record<string, unknown>[]; deltaLink?: string; pages: number }> {
  const entries: Record<string, unknown>[] = [];
  let link: string | undefined = first;
  let pages = 0;
  while (link) {
    const answer = await harness.get(link, options);
    if (answer.status !== 200) throw new Error(`drain: ${answer.status} ${JSON.stringify(answer.body)}`);
    pages++;
    entries.push(...answer.body.value);
    if (answer.body['@odata.deltaLink']) return { entries, deltaLink: answer.body['@odata.deltaLink'], pages };
    link = answer.body['@odata.nextLink'];
  }
  return { entries, pages };
}

/** Small mailboxes for fast tests: alice 40 messages with 3 user folders, bob 10. */
export const smallMailboxes = [
  { user: 'alice@contoso.test', messageCount: 40, folderCount: 3 },
  { user: 'bob@contoso.test', messageCount: 10, folderCount: 0 },
];
