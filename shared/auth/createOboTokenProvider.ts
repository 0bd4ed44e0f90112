import type { ConfidentialClientApplication, INetworkModule } from '@azure/msal-node';
import { loadMsal } from './loadMsal';
import { systemClock, type Clock } from '../clock';
import type { FerryConfig } from '../config';
import { silentLogger, type Logger } from '../observability/logger';
import type { ServerTiming } from '../observability/serverTiming';
import { FerryError } from '../protocol/ferryError';
import type { Caller } from './caller';
import { createTimedMsalNetworkClient } from './createTimedMsalNetworkClient';
import { fromMsalError } from './fromMsalError';
import { createGraphTokenCache } from './graphTokenCache';
import { hashToken } from './hashToken';
import { toMsalClientAuth, type OboClientCredential } from './oboClientCredential';

export interface OboTokenProviderOptions {
  /**
   * How Ferry authenticates (federated assertion, certificate or secret; see createOboClientCredential),
   * asked for when a tenant's client is created and again after Entra refuses it. Give this or
   * `getClientSecret`.
   */
  getClientCredential?: () => Promise<OboClientCredential>;
  /** Shorthand for `getClientCredential` with a client secret. */
  getClientSecret?: () => Promise<string>;
  /** Time for cache expiry; default the system clock. */
  clock?: Clock;
  /** Most Graph tokens kept in memory; the oldest is dropped first. Default 10,000. */
  maxCachedTokens?: number;
  /** Receives one line per exchange with codes only; default silent. */
  logger?: Logger;
  /** MSAL's HTTP client; default createTimedMsalNetworkClient bounded by FERRY_OBO_TIMEOUT_MS (fetch, honours NODE_EXTRA_CA_CERTS). */
  networkClient?: INetworkModule;
}

export interface OboTokenProvider {
  /**
   * A Microsoft Graph token for the caller, from the on-behalf-of exchange or the cache. Throws
   * FerryError: 401 `consent_required` with a claims challenge, 503 `upstream_unavailable` when Entra
   * cannot be reached, 502 `upstream_error` otherwise. `forceRefresh`: Graph refused the cached token
   * (a 401 long before its expiry: revoked, or the user's session changed), so it is dropped and a new
   * one exchanged; an exchange already in flight is shared, as it gets a new token from Entra anyway.
   */
  getGraphToken(caller: Caller, options?: { forceRefresh?: boolean; timing?: ServerTiming }): Promise<string>;
}

/** Graph tokens are reused until this long before they expire, so none runs out during a command. */
const refreshMarginInMs = 5 * 60 * 1000;

/**
 * Exchanges device tokens for Graph tokens with the OAuth 2.0 on-behalf-of flow (MSAL
 * `acquireTokenOnBehalfOf`), one ConfidentialClientApplication per tenant with authority
 * `{FERRY_AUTHORITY}/{tid}`. Graph tokens are cached in memory only, keyed by the SHA-256 of the
 * device token, and concurrent requests with the same token share one exchange.
 *
 * MSAL is told its authority host is known (`knownAuthorities`), which skips instance discovery:
 * MSAL would otherwise ask login.microsoftonline.com about any host it does not know, so the dev IdP
 * on localhost would need the internet. MSAL still reads `/{tid}/v2.0/.well-known/openid-configuration`
 * from the authority and checks that its issuer has the authority's origin.
 */
export function createOboTokenProvider(config: FerryConfig, options: OboTokenProviderOptions): OboTokenProvider {
  const { getClientSecret } = options;
  const getClientCredential =
    options.getClientCredential ?? (getClientSecret && (async (): Promise<OboClientCredential> => ({ kind: 'secret', clientSecret: await getClientSecret() })));
  if (!getClientCredential) throw new TypeError('createOboTokenProvider needs getClientCredential or getClientSecret.');
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const cache = createGraphTokenCache({ maxEntries: options.maxCachedTokens ?? 10_000 });
  const clients = new Map<string, Promise<ConfidentialClientApplication>>();
  const inFlight = new Map<string, Promise<string>>();
  const authorityHost = new URL(config.FERRY_AUTHORITY).host;
  const networkClient = options.networkClient ?? createTimedMsalNetworkClient({ timeoutInMs: config.FERRY_OBO_TIMEOUT_MS });

  const clientFor = (tid: string): Promise<ConfidentialClientApplication> => {
    let client = clients.get(tid);
    if (!client) {
      client = getClientCredential().then(
        (credential) =>
          new (loadMsal().ConfidentialClientApplication)({
            auth: {
              clientId: config.FERRY_CLIENT_ID,
              authority: `${config.FERRY_AUTHORITY}/${tid}`,
              ...toMsalClientAuth(credential),
              knownAuthorities: [authorityHost],
            },
            system: {
              // MSAL's log lines are free text; Ferry logs its own codes below instead.
              loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => {} },
              networkClient,
            },
          }),
      );
      client.catch(() => clients.delete(tid));
      clients.set(tid, client);
    }
    return client;
  };

  const exchange = async (caller: Caller, key: string): Promise<string> => {
    const client = await clientFor(caller.tid);
    const startedAtInMs = clock.now();
    try {
      // skipCache: Ferry's cache above is the one that counts; MSAL's would answer the same question.
      const result = await client.acquireTokenOnBehalfOf({
        oboAssertion: caller.token,
        scopes: [config.FERRY_GRAPH_SCOPE],
        skipCache: true,
      });
      if (!result?.accessToken) throw new FerryError('upstream_error', { logReason: 'obo_empty_result' });
      const expiresAtInMs = result.expiresOn?.getTime() ?? 0;
      cache.set(key, result.accessToken, expiresAtInMs - refreshMarginInMs);
      logger.info('obo_exchange', { outcome: 'ok', tid: caller.tid, durationInMs: clock.now() - startedAtInMs });
      return result.accessToken;
    } catch (error) {
      const ferryError = fromMsalError(error, { authorizationUri: `${config.FERRY_AUTHORITY}/${caller.tid}/oauth2/v2.0/authorize` });
      // A refused secret or certificate may have been rotated: the next request builds the client anew.
      if (ferryError.logReason === 'obo_client_refused') clients.delete(caller.tid);
      logger.warn('obo_exchange', {
        outcome: ferryError.logReason,
        msalErrorCode: error instanceof loadMsal().AuthError ? error.errorCode : undefined,
        tid: caller.tid,
        durationInMs: clock.now() - startedAtInMs,
      });
      throw ferryError;
    } finally {
      // Even with skipCache MSAL stores every result, one entry per device token and never evicted;
      // clearing after each exchange keeps memory bounded (authority metadata survives the clear).
      client.clearCache();
    }
  };

  return {
    async getGraphToken(caller, options) {
      const key = hashToken(caller.token);
      if (options?.forceRefresh) cache.delete(key);
      const cached = cache.get(key, clock.now());
      if (cached) return cached;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = exchange(caller, key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      // An exchange (this caller's or one it shares) counts as `auth` in Server-Timing; a cached token costs nothing.
      const joined = pending;
      return options?.timing ? options.timing.time('auth', () => joined) : joined;
    },
  };
}
