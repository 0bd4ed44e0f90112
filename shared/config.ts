import { z } from 'zod';

/**
 * Every setting Ferry reads, with its default and meaning. The README's configuration table is
 * generated from `configDocs` below so the two never drift. Production and the local stack differ only
 * in these values: no code path asks whether it runs in a test.
 */
const csv = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter((p) => p.length > 0));
const positiveInt = z.coerce.number().int().positive();

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
  FERRY_SYNC_BUDGET_MS: positiveInt.default(20000),
  FERRY_FULL_ROUND_HOURS: z.coerce.number().positive().default(24),
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
  FERRY_GRAPH_MAX_CONCURRENCY: 'Graph requests in flight per mailbox per command (a `$batch` counts as 4).',
  FERRY_SYNC_BUDGET_MS: 'Time budget of one sync answer; past it Ferry answers with what it has and `more: true`.',
  FERRY_FULL_ROUND_HOURS: 'Hours after which an incremental sync starts a full (reset) round.',
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
