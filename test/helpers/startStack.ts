import path from 'node:path';
import { createIdentityProvider, type IdentityProvider } from '../../dev/idp/createIdentityProvider';
import { devAuthEnv } from '../../dev/idp/devAuthEnv';
import { createGraphSimulator, type GraphSimulator, type GraphSimulatorOptions } from '../../dev/graphSim/createGraphSimulator';
import { startLocalHost, type LocalHost } from '../../dev/host/localHost';
import { clearRegistrations } from '../../dev/host/functionsCore';
import { generateStateKeysValue } from '../../shared/secrets/generateStateKeysValue';
import { deviceToken, postToken } from './devIdp';
import { devApps, findUser } from '../../dev/directory';
import { assertNoMailboxContent } from './mailboxContent';
import { deviceCall } from './deviceCall';

export interface DeviceAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  /** A download's bytes (an answer that is not JSON). */
  bytes?: Buffer;
}

export interface Stack {
  hostUrl: string;
  idp: IdentityProvider;
  sim: GraphSimulator;
  host: LocalHost;
  /** Every line the host logged (invocation and system logs). */
  logs: string[];
  /**
   * Values no log line may hold: every token this stack minted, every `state`, `cursor` and `upload` a call
   * answered, the state keys and client secret (and, at close, every upload URL's authtoken). close() searches the logs for them; tests add their own (search
   * text, KQL, upload URLs).
   */
  secrets: Set<string>;
  /** A device token for Ferry's API. */
  token(upn?: string, extra?: Record<string, string>): Promise<string>;
  /** A Graph token (as a person or test driving the mailbox directly would get one). */
  graphToken(upn?: string): Promise<string>;
  /** POST /api/v1/<command> with a JSON body and a bearer token (a raw command: GET with the body as query; deviceCall). */
  call<T = any>(command: string, body: unknown, token: string | null, init?: { headers?: Record<string, string>; method?: string; rawBody?: string | Uint8Array }): Promise<DeviceAnswer<T>>;
  /** Calls the simulator's Graph API (`/me/...` under /v1.0) as `upn`. */
  graph<T = any>(method: string, graphPath: string, upn?: string, body?: unknown): Promise<DeviceAnswer<T>>;
  close(): Promise<void>;
}

const repoRoot = path.join(__dirname, '../..');

/**
 * The whole local stack in this test process, on free loopback ports: dev IdP, Graph simulator and the
 * local Functions host serving functions/*.ts. Ferry is configured only through its environment, as in
 * production. Each test file gets its own module registry, so its own Ferry runtime.
 */
export async function startStack(options: { sim?: Partial<GraphSimulatorOptions>; env?: Record<string, string> } = {}): Promise<Stack> {
  const idp = await createIdentityProvider({ port: 0 });
  const sim = await createGraphSimulator({ port: 0, idpUrl: idp.url, deliveryDelayInMs: 20, ...options.sim });
  Object.assign(process.env, devAuthEnv(idp.url), { FERRY_GRAPH_URL: sim.url, FERRY_UPLOAD_ORIGINS: sim.uploadUrl, FERRY_STATE_KEYS: generateStateKeysValue('test1') }, options.env ?? {});
  const logs: string[] = [];
  clearRegistrations();
  const host = await startLocalHost({ rootDir: repoRoot, functionFiles: ['functions/*.ts'], port: 0, logSink: (line) => logs.push(line) });
  const graphTokens = new Map<string, Promise<string>>();
  const secrets = new Set<string>([process.env.FERRY_STATE_KEYS!, process.env.FERRY_CLIENT_SECRET ?? '']);
  const remember = (value: string) => (secrets.add(value), value);

  const stack: Stack = {
    hostUrl: host.url,
    idp,
    sim,
    host,
    logs,
    secrets,
    token: async (upn = 'alice@contoso.test', extra = {}) => remember(await deviceToken(idp, upn, extra)),
    graphToken(upn = 'alice@contoso.test') {
      let token = graphTokens.get(upn);
      if (!token) {
        token = postToken(idp, findUser(upn)!.tenant, {
          grant_type: 'password',
          client_id: devApps.deviceClientId,
          username: upn,
          password: 'dev',
          scope: 'https://graph.microsoft.com/.default',
        }).then(({ body }) => remember(body.access_token as string));
        graphTokens.set(upn, token);
      }
      return token;
    },
    async call(command, body, token, init = {}) {
      const answer = await deviceCall(host.url, command, body, token, init);
      if (typeof answer.body?.state === 'string') remember(answer.body.state);
      if (typeof answer.body?.cursor === 'string') remember(answer.body.cursor);
      if (typeof answer.body?.upload === 'string') remember(answer.body.upload);
      return answer;
    },
    async graph(method, graphPath, upn = 'alice@contoso.test', body) {
      const response = await fetch(`${sim.url}/v1.0${graphPath}`, {
        method,
        headers: { authorization: `Bearer ${await stack.graphToken(upn)}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    /** Also checks, for every e2e test file, that no log line holds mailbox content, a token or a sealed value. */
    async close() {
      try {
        // Upload URLs carry their own authtoken: none may reach a log line.
        assertNoMailboxContent(logs, sim, new Set([...secrets, ...sim.uploadAuthtokens()]));
      } finally {
        await host.close();
        await sim.close();
        await idp.close();
      }
    },
  };
  return stack;
}
