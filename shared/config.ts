import { z } from 'zod';
import { defaultProblemTypeBase, isProblemTypeBase } from './protocol/problemTypeBase';

/**
 * Every setting Ferry reads, with its default and meaning. The README's configuration table is
 * generated from `configDocs` below so the two never drift. Production and the local stack differ only
 * in these values: no code path asks whether it runs in a test.
 */
const csv = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter((p) => p.length > 0));
const positiveInt = z.coerce.number().int().positive();

/** `https://app.example.com`: scheme, host and port only, exactly as a browser sends `Origin`; never `*`. */
function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value && !value.includes('*');
  } catch {
    return false;
  }
}

export const configSchema = z.object({
  FERRY_GRAPH_URL: z.url().default('https://graph.microsoft.com'),
  FERRY_GRAPH_SCOPE: z.string().default('https://graph.microsoft.com/.default'),
  FERRY_AUTHORITY: z.url().default('https://login.microsoftonline.com'),
  FERRY_JWKS_URL: z.url().optional(),
  FERRY_API_AUDIENCE: z.string().min(1).default('api://ferry'),
  FERRY_API_SCOPE: z.string().min(1).default('access_as_user'),
  FERRY_CLIENT_ID: z.string().min(1).default('ferry'),
  FERRY_ALLOWED_TENANTS: csv.default([]),
  FERRY_TOKEN_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  FERRY_GRAPH_WAIT_BUDGET_MS: z.coerce.number().int().min(0).default(5000),
  FERRY_GRAPH_MAX_CONCURRENCY: positiveInt.default(4),
  FERRY_GRAPH_TIMEOUT_MS: positiveInt.default(10000),
  FERRY_SYNC_BUDGET_MS: positiveInt.default(20000),
  FERRY_FULL_ROUND_HOURS: z.coerce.number().positive().default(24),
  FERRY_SEARCH_CURSOR_MIN: positiveInt.default(15),
  FERRY_SEND_STUCK_MS: positiveInt.default(900000),
  FERRY_SEND_FENCE_MS: positiveInt.default(20000),
  FERRY_ANSWER_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(2 * 1024 * 1024),
  FERRY_COMPRESS_MIN_BYTES: z.coerce.number().int().min(0).default(1024),
  FERRY_BROTLI_QUALITY: z.coerce.number().int().min(0).max(11).default(5),
  FERRY_KEY_VAULT_URL: z.url().optional(),
  FERRY_STATE_KEY_NAME: z.string().regex(/^[0-9A-Za-z-]{1,127}$/).default('ferry-state-key'),
  FERRY_OBO_MODE: z.enum(['federated', 'certificate', 'secret']).default('secret'),
  FERRY_OBO_TIMEOUT_MS: positiveInt.default(10000),
  AZURE_CLIENT_ID: z.string().min(1).optional(),
  FERRY_AZURE_CREDENTIAL: z.enum(['managedIdentity', 'developer']).default('managedIdentity'),
  FERRY_CORS_ORIGINS: csv
    .refine((origins) => origins.every(isExactOrigin), 'FERRY_CORS_ORIGINS lists exact origins such as https://app.example.com (no `*`, path or trailing slash)')
    .default([]),
  FERRY_UPLOAD_SESSION_MIN: positiveInt.default(3_000_000),
  FERRY_UPLOAD_ORIGINS: csv
    .refine((origins) => origins.every(isExactOrigin), 'FERRY_UPLOAD_ORIGINS lists exact origins such as https://outlook.office.com (no `*`, path or trailing slash)')
    .default(['https://outlook.office.com']),
  FERRY_PROBLEM_TYPE_BASE: z
    .string()
    .refine(isProblemTypeBase, 'FERRY_PROBLEM_TYPE_BASE is an absolute https URL or a tag: URI (RFC 4151) ending in /, #, : or =')
    .default(defaultProblemTypeBase),
});

export type FerryConfig = z.infer<typeof configSchema> & { jwksUrl: string };

export const configDocs: Record<keyof z.infer<typeof configSchema>, string> = {
  FERRY_GRAPH_URL: 'Origin of Microsoft Graph; Ferry adds `/v1.0`. The only origin whose links Ferry follows.',
  FERRY_GRAPH_SCOPE: 'Scope requested in the on-behalf-of exchange.',
  FERRY_AUTHORITY: 'Entra ID authority host. Device tokens must have issuer `{authority}/{tid}/v2.0`.',
  FERRY_JWKS_URL: 'Where signing keys are fetched. Default `{authority}/common/discovery/v2.0/keys`.',
  FERRY_API_AUDIENCE: 'The `aud` a device token must carry (the Ferry API application id).',
  FERRY_API_SCOPE: 'The delegated scope a device token must list in `scp`.',
  FERRY_CLIENT_ID: 'Ferry\'s application (client) id, used for the on-behalf-of exchange.',
  FERRY_ALLOWED_TENANTS: 'Comma-separated tenant ids (`tid`) allowed to call Ferry. Empty: nobody.',
  FERRY_TOKEN_SKEW_SECONDS: 'Clock skew tolerated on `exp` and `nbf`, in seconds.',
  FERRY_GRAPH_WAIT_BUDGET_MS: 'How long one command may wait on Graph throttling before passing it on to the device.',
  FERRY_GRAPH_MAX_CONCURRENCY: 'Graph requests in flight per mailbox per command or `batch` (a Graph `$batch` counts as min(4, its items)); waiting requests go first-screen first.',
  FERRY_GRAPH_TIMEOUT_MS: 'Timeout of one Graph request attempt, answer body included. A request that may have reached Graph is retried once only if it is idempotent.',
  FERRY_SYNC_BUDGET_MS: 'Time budget of one command: its one deadline. Every Graph attempt is cut to the time left; a sync answer stops pulling pages at 60% of it and answers what it has with `more: true` (with nothing in hand: `503 upstream_unavailable` with `Retry-After`); `folders/markRead` and `folders/empty` start no new round past that point either. Every answer leaves within it plus about a second.',
  FERRY_FULL_ROUND_HOURS: 'Hours after which an incremental sync starts a full (reset) round.',
  FERRY_SEARCH_CURSOR_MIN: 'Minutes a `mail/search` cursor stays usable; an older one is `410 search_state_invalid` (search again).',
  FERRY_SEND_STUCK_MS: 'Age of a send mark (`mail/send` started but not known to have finished) after which `mail/send` answers `409 send_stuck` instead of `202 pending`, so the user decides (`force`). 900000 = the device\'s 15 minutes of polling.',
  FERRY_SEND_FENCE_MS: '`mail/send` posts `/send` only within this long of the request\'s arrival; later it clears its mark and answers `503 upstream_unavailable`. The device repeats a `mail/send` without answer only after this plus 10 s (its 30 s rule), so two tries never overlap at `/send`.',
  FERRY_ANSWER_MAX_BYTES: 'Most bytes of uncompressed JSON in one sync answer (at least 65536). An answer stops adding items before it would pass it (`more: true`); one item larger than that goes alone with its body cut (`truncated: true`).',
  FERRY_COMPRESS_MIN_BYTES: 'Answers at least this large (bytes) are compressed when the device accepts it (`Accept-Encoding`: `br` first, then `gzip`); smaller ones, and every answer to `identity` or no header, go uncompressed.',
  FERRY_BROTLI_QUALITY: 'Brotli quality (0 to 11) of compressed answers. 4 to 5 keep one 150 KB answer to a few milliseconds; Node\'s default, 11, costs about 186 ms.',
  FERRY_KEY_VAULT_URL: 'Key Vault URL (`https://<name>.vault.azure.net`). Set (Azure): state keys and the on-behalf-of secret or certificate come from it, each read waiting at most `FERRY_GRAPH_WAIT_BUDGET_MS` (at least 1 s). Unset: `FERRY_STATE_KEYS` and `FERRY_CLIENT_SECRET` (local development).',
  FERRY_STATE_KEY_NAME: 'The Key Vault secret whose versions are the state keys (32 random bytes, base64; `scripts/state-key.mjs` writes them). The newest version seals, older enabled ones open.',
  FERRY_OBO_MODE: 'How Ferry authenticates in the on-behalf-of exchange: `federated` (a managed identity token as client assertion, no secret anywhere), `certificate` (Key Vault secret `ferry-obo-certificate`, PEM) or `secret` (Key Vault secret `ferry-client-secret`, or `FERRY_CLIENT_SECRET` without a vault).',
  FERRY_OBO_TIMEOUT_MS: 'Timeout of one request to Entra ID in the on-behalf-of exchange (the token request; on a tenant\'s first exchange also its OpenID metadata), answer body included. Past it the device gets `503 upstream_unavailable` with `Retry-After`.',
  AZURE_CLIENT_ID: 'Client id of the user-assigned managed identity for Key Vault and `federated` mode. Unset: the system-assigned identity.',
  FERRY_AZURE_CREDENTIAL: '`managedIdentity` (Azure) or `developer` (Azure Developer CLI, then Azure CLI: only for running against a real vault from a workstation). Never a default credential chain.',
  FERRY_CORS_ORIGINS: 'Comma-separated exact origins (`https://app.example.com`) whose web pages may call the device API (CORS). Empty: CORS off. `*` is refused.',
  FERRY_UPLOAD_SESSION_MIN: 'Attachments of at least this many bytes go to Graph through an upload session (`createUploadSession`, chunks to its `uploadUrl`); smaller ones in one `POST .../attachments`. Graph refuses sessions under 3 MB (3,000,000 bytes assumed).',
  FERRY_UPLOAD_ORIGINS: 'Comma-separated exact origins an upload session\'s `uploadUrl` may have (the outbound guard\'s list for uploads, apart from `FERRY_GRAPH_URL`). Ferry sends no `Authorization` to them and never logs the URL.',
  FERRY_PROBLEM_TYPE_BASE: 'Base of the `type` URI of every problem answer: the type is this followed by the error code. Set it to your docs of the error table (an absolute https URL such as `https://docs.contoso.com/ferry/device-api#`); the default is a `tag:` URI (RFC 4151) that names the type without pointing anywhere. Ends in `/`, `#`, `:` or `=`; anything else is refused at start-up.',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): FerryConfig {
  const picked = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.parse(picked);
  const authority = parsed.FERRY_AUTHORITY.replace(/\/+$/, '');
  return {
    ...parsed,
    FERRY_AUTHORITY: authority,
    FERRY_GRAPH_URL: new URL(parsed.FERRY_GRAPH_URL).origin,
    jwksUrl: parsed.FERRY_JWKS_URL ?? `${authority}/common/discovery/v2.0/keys`,
  };
}
