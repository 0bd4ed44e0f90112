import { parseArgs } from 'node:util';
import { devApps, findUser } from './directory';

export interface TokenCliIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
}

const usage =
  'usage: npm run -s token -- --user <upn> [--aud ferry|graph] [--ttl <seconds>] [--nbf-offset <seconds>] [--tenant <name|tid>]';

/**
 * The token CLI: signs a dev user in at the running dev IdP (`FERRY_IDP_URL`, default
 * `https://localhost:7073`) with the password grant and prints only the access token, so
 * `TOKEN=$(npm run -s token -- --user alice@contoso.test)` works. `--aud graph` asks for a Microsoft
 * Graph token (for the Graph simulator), `--ttl` below 0 for an expired one, `--nbf-offset` above 0 for
 * one not yet valid, `--tenant` for a tenant other than the user's (the IdP then refuses). Errors go to
 * stderr. Resolves to the exit code.
 */
export async function runTokenCli(args: string[], io: TokenCliIo): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinNegativeNumbers(args),
      options: {
        user: { type: 'string' },
        aud: { type: 'string', default: 'ferry' },
        ttl: { type: 'string' },
        'nbf-offset': { type: 'string' },
        tenant: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 1;
  }
  if (!values.user || (values.aud !== 'ferry' && values.aud !== 'graph')) {
    io.stderr(`${usage}\n`);
    return 1;
  }
  // The user's own tenant unless overridden; an unknown user goes to `organizations`, where the IdP
  // answers that the account does not exist.
  const tenant = values.tenant ?? findUser(values.user)?.tenant ?? 'organizations';
  const idpUrl = (io.env.FERRY_IDP_URL ?? 'https://localhost:7073').replace(/\/+$/, '');
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: devApps.deviceClientId,
    username: values.user,
    password: 'dev',
    scope: values.aud === 'graph' ? `${devApps.graphAudience}/.default` : `api://${devApps.ferryClientId}/${devApps.apiScope}`,
  });
  if (values.ttl !== undefined) form.set('ttl', values.ttl);
  if (values['nbf-offset'] !== undefined) form.set('nbf_offset', values['nbf-offset']);

  let response: Response;
  try {
    response = await fetch(`${idpUrl}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    io.stderr(`cannot reach the dev identity provider at ${idpUrl} (is it running, and is NODE_EXTRA_CA_CERTS set?): ${reason}\n`);
    return 1;
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    io.stderr(`${String(body.error ?? response.status)}: ${String(body.error_description ?? 'no token in the answer')}\n`);
    return 1;
  }
  io.stdout(`${body.access_token}\n`);
  return 0;
}

/**
 * parseArgs reads `--ttl -60` as a missing value followed by an option; `--ttl=-60` is what it wants.
 * Expired tokens are the point of a negative ttl, so accept the spelling people type.
 */
function joinNegativeNumbers(args: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const next = args[i + 1];
    if ((arg === '--ttl' || arg === '--nbf-offset') && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else joined.push(arg);
  }
  return joined;
}
