import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../../../shared/clock';
import type { GraphError } from '../graphError';
import { createRandom, deriveSeed } from '../random';
import { errorResponse, type RequestIds } from '../errorResponse';
import type { SimResponse } from '../simContext';
import { bodyBytes } from '../simResponses';
import type { TokenVerifier } from '../http/verifyGraphToken';
import { drawLatencyInMs } from './drawLatencyInMs';
import { statusFault, syncStateNotFound } from './faultAnswers';
import { itemFaultKinds, requestFaultKinds, toFaultProfile, type FaultProfile, type FaultProfileInput, type ItemFaultKind, type RequestFaultKind } from './faultProfile';
import { FaultStats, type AttemptOutcome } from './faultStats';
import { isIdempotentGraphCall } from './isIdempotentGraphCall';

/** One HTTP exchange as the simulator's front door hands it over. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  headers: Record<string, string>;
  ids: RequestIds;
  /** The request body (already being read). */
  body: Promise<Buffer>;
  /** Runs the request (token, route, handler) and gives its answer; never rejects. */
  respond(): Promise<SimResponse>;
  /** Writes an answer as the simulator always does. */
  send(response: SimResponse): void;
}

export interface FaultLayer {
  readonly profile: FaultProfile;
  /** Replaces the profile (merged over the chaos defaults) and reseeds the PRNG. */
  setProfile(input: FaultProfileInput): FaultProfile;
  readonly stats: FaultStats;
  /**
   * Serves one HTTP exchange, with faults when it is Ferry's and the profile is on. `ferry` says whose it
   * is when the request carries no token (an upload chunk: the session knows the app that opened it).
   */
  serve(exchange: Exchange, ferry?: boolean): Promise<void>;
  /** A status fault for one `$batch` item sent with a token of `azp`, or undefined. */
  itemFault(azp: string | undefined): GraphError | undefined;
}

/** Share of delta pages holding an item twice while the `duplicateItems` oddity is on. */
const duplicatePageShare = 0.1;
const deltaPath = /\/(?:microsoft\.graph\.)?delta(?:\(\))?$/i;

export interface FaultLayerOptions {
  verify: TokenVerifier;
  clock: Clock;
  profile?: FaultProfileInput;
  /** Called when a profile is applied, so the simulator's own flags follow it (partial items). */
  onProfile?(profile: FaultProfile): void;
}

/**
 * The simulator's fault injection (docs/testing.md, "The chaos profile"). Faults hit only requests made
 * with Ferry's on-behalf-of tokens; a seeded PRNG draws each one, so a run replays from its seed as far
 * as the order of Ferry's requests does.
 */
export function createFaultLayer({ verify, clock, profile: initial, onProfile }: FaultLayerOptions): FaultLayer {
  let profile = toFaultProfile(initial);
  let random = createRandom(deriveSeed(profile.seed, 'faults'));
  const stats = new FaultStats();
  onProfile?.(profile);

  const pickKind = <K extends string>(kinds: readonly K[]): K => {
    const weights = kinds.map((kind) => profile.mix[kind as unknown as RequestFaultKind] ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    let draw = random.next() * total;
    for (let i = 0; i < kinds.length; i++) {
      draw -= weights[i]!;
      if (draw < 0) return kinds[i]!;
    }
    return kinds[kinds.length - 1]!;
  };

  const isFerry = async (authorization: string | undefined): Promise<boolean> => {
    try {
      return (await verify(authorization)).azp === profile.clientId;
    } catch {
      return false;
    }
  };

  /** Oddities of Graph's answers that are not failures: an item twice in a delta page, Retry-After placement. */
  const oddAnswer = (path: string, response: SimResponse): SimResponse => {
    const body = response.body as { value?: unknown[]; responses?: Array<{ headers?: Record<string, string> }> } | undefined;
    if (response.status !== 200 || !body) return response;
    if (profile.oddities.duplicateItems && deltaPath.test(path) && Array.isArray(body.value) && body.value.length > 0 && random.chance(duplicatePageShare)) {
      const value = [...body.value];
      const from = random.int(value.length);
      value.splice(from + 1 + random.int(value.length - from), 0, structuredClone(value[from]));
      return { ...response, body: { ...body, value } };
    }
    if (!profile.oddities.retryAfterOnlyInBatchItems && /\/\$batch$/i.test(path) && Array.isArray(body.responses)) {
      const waits = body.responses.map((item) => Number(item.headers?.['Retry-After'] ?? item.headers?.['retry-after'])).filter(Number.isFinite);
      if (waits.length > 0) return { ...response, headers: { ...response.headers, 'Retry-After': String(Math.max(...waits)) } };
    }
    return response;
  };

  return {
    get profile() {
      return profile;
    },
    setProfile(input) {
      profile = toFaultProfile(input);
      random = createRandom(deriveSeed(profile.seed, 'faults'));
      onProfile?.(profile);
      return profile;
    },
    stats,
    itemFault(azp) {
      if (!profile.enabled || azp !== profile.clientId) return undefined;
      const kind: ItemFaultKind | undefined = random.chance(profile.rate) ? pickKind(itemFaultKinds) : undefined;
      stats.item(kind);
      return kind && statusFault(kind, random, profile.timeScale);
    },
    async serve(x, ferry) {
      if (!profile.enabled || !(ferry ?? (await isFerry(x.headers.authorization)))) return x.send(await x.respond());
      const url = new URL(x.req.url ?? '/', 'http://graph.invalid');
      const method = (x.req.method ?? 'GET').toUpperCase();
      const raw = await x.body.catch(() => undefined);
      let parsed: unknown;
      try {
        parsed = raw && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        parsed = undefined;
      }
      const meta = { method, idempotent: isIdempotentGraphCall(method, url.pathname, parsed, x.headers['content-range']) };
      const record = (outcome: AttemptOutcome) => stats.attempt(x.headers['client-request-id'], meta, outcome);
      const now = () => clock.now();

      const wait = drawLatencyInMs(profile.latency, random);
      if (wait > 0) await clock.sleep(wait);

      // Graph documents 410 for delta tokens it no longer knows; `$search` paging has none (search cursors expire in Ferry).
      const token = url.searchParams.has('$skiptoken') || url.searchParams.has('$deltatoken') || url.searchParams.has('$deltaToken');
      if (method === 'GET' && deltaPath.test(url.pathname) && token && !url.searchParams.has('$search') && random.chance(profile.syncStateNotFoundRate)) {
        record('syncStateNotFound');
        return x.send(errorResponse(syncStateNotFound(`http://${x.headers.host ?? 'graph.invalid'}${url.pathname}`), x.ids, now()));
      }

      const kind = random.chance(profile.rate) ? pickKind(requestFaultKinds) : undefined;
      switch (kind) {
        case undefined: {
          const response = oddAnswer(url.pathname, await x.respond());
          record('ok');
          return x.send(response);
        }
        case 'status429':
        case 'status503':
        case 'status504':
          record(kind);
          return x.send(errorResponse(statusFault(kind, random, profile.timeScale), x.ids, now()));
        case 'resetBeforeApply':
          record(kind);
          return reset(x.res);
        case 'hang': {
          record(kind);
          const socket = x.req.socket;
          const timer = setTimeout(() => socket.destroy(), profile.hangInMs);
          socket.once('close', () => clearTimeout(timer));
          return;
        }
        case 'resetAfterApply':
          await x.respond();
          record(kind);
          return reset(x.res);
        case 'cutBody':
        case 'dropMidBody': {
          const response = oddAnswer(url.pathname, await x.respond());
          if (response.status < 200 || response.status > 299 || response.body === undefined) {
            // Nothing to cut: the answer goes out whole and counts as no fault.
            record('ok');
            return x.send(response);
          }
          record(kind);
          const payload = bodyBytes(response.body);
          const cutAt = 1 + random.int(Math.max(1, payload.length - 1));
          const headers = { ...(response.headers ?? {}), 'request-id': x.ids.requestId, 'client-request-id': x.ids.clientRequestId };
          if (kind === 'cutBody') {
            x.res.writeHead(response.status, { ...headers, 'Content-Length': String(cutAt) }).end(payload.subarray(0, cutAt));
            return;
          }
          x.res.writeHead(response.status, { ...headers, 'Content-Length': String(payload.length) });
          x.res.write(payload.subarray(0, cutAt), () => x.res.destroy());
          return;
        }
      }
    },
  };
}

/** A TCP reset (RST), as a proxy or a crashed front end gives it; a plain close where reset is missing. */
function reset(res: ServerResponse): void {
  const socket = res.socket as (ServerResponse['socket'] & { resetAndDestroy?: () => void }) | null;
  if (socket?.resetAndDestroy) socket.resetAndDestroy();
  else res.destroy();
}
