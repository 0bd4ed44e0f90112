import { loadConfig, type FerryConfig } from '../config';
import { systemClock, type Clock } from '../clock';
import type { Caller } from '../auth/caller';
import { createDeviceTokenVerifier } from '../auth/createDeviceTokenVerifier';
import { createAzureCredential } from '../auth/createAzureCredential';
import { createOboClientCredential } from '../auth/createOboClientCredential';
import { createOboTokenProvider } from '../auth/createOboTokenProvider';
import { createGraphClient } from '../graph/createGraphClient';
import { createSecretsProvider } from '../secrets/createSecretsProvider';
import type { SecretsProvider } from '../secrets/secretsProvider';
import { consoleSink, createLogger, type Logger } from '../observability/logger';
import type { CommandContext } from './commandContext';
import type { ServerTiming } from '../observability/serverTiming';

export interface Runtime {
  config: FerryConfig;
  clock: Clock;
  verifyCaller(authorization: string | null, timing?: ServerTiming): Promise<Caller>;
  /** `timing`: the request's Server-Timing recorder, handed to its Graph client, token exchange and vault reads. */
  createCommandContext(input: { caller: Caller; requestId: string; logger: Logger; timing?: ServerTiming }): CommandContext;
}

export interface RuntimeOptions {
  config: FerryConfig;
  clock?: Clock;
  secrets?: SecretsProvider;
  /** Process-level lines (key rotation, refresh failures); default JSON lines on stdout/stderr. */
  logger?: Logger;
}

/**
 * The composition root: the only place that knows which implementation backs each dependency.
 * Everything here is per process and holds no user data: JWKS, on-behalf-of tokens under a hash of
 * the caller's token, the key ring.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const processLogger = options.logger ?? createLogger(consoleSink, { component: 'runtime' });
  // Key Vault when FERRY_KEY_VAULT_URL is set, else the env provider; the identity SDK loads on first token.
  const credential = createAzureCredential({ kind: config.FERRY_AZURE_CREDENTIAL, clientId: config.AZURE_CLIENT_ID });
  const secrets = options.secrets ?? createSecretsProvider(config, { env: process.env, credential, clock, logger: processLogger });
  const verifier = createDeviceTokenVerifier(config);
  const obo = createOboTokenProvider(config, { getClientCredential: createOboClientCredential(config.FERRY_OBO_MODE, { secrets, credential }) });
  return {
    config,
    clock,
    verifyCaller: (authorization, timing) => verifier.verify(authorization, timing),
    createCommandContext({ caller, requestId, logger, timing }) {
      const deadlineInMs = clock.now() + config.FERRY_SYNC_BUDGET_MS;
      const graph = createGraphClient({
        graphUrl: config.FERRY_GRAPH_URL,
        getToken: (options) => obo.getGraphToken(caller, { ...options, timing }),
        clock,
        logger,
        waitBudgetInMs: config.FERRY_GRAPH_WAIT_BUDGET_MS,
        maxConcurrency: config.FERRY_GRAPH_MAX_CONCURRENCY,
        attemptTimeoutInMs: config.FERRY_GRAPH_TIMEOUT_MS,
        deadlineInMs,
        authorizationUri: `${config.FERRY_AUTHORITY}/${caller.tid}/oauth2/v2.0/authorize`,
        timing,
      });
      return { requestId, caller, config, clock, logger, deadlineInMs, graph, keyRing: (keyId) => secrets.getStateKeyRing(keyId, timing) };
    },
  };
}

let processRuntime: Runtime | undefined;

/** The runtime built from this process's environment, created on first use (no I/O at import). */
export function getRuntime(): Runtime {
  return (processRuntime ??= createRuntime({ config: loadConfig(process.env) }));
}
