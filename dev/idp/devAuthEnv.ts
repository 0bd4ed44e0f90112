import { devApps, devTenants } from '../directory';

/**
 * The settings that point Ferry at the dev IdP (see shared/config.ts): its authority, the dev app
 * registration as audience and on-behalf-of client, every dev tenant allowed, and the client secret
 * for the env secrets provider. Production differs only in these values.
 */
export function devAuthEnv(idpUrl: string): Record<string, string> {
  return {
    FERRY_AUTHORITY: idpUrl,
    FERRY_API_AUDIENCE: devApps.ferryClientId,
    FERRY_API_SCOPE: devApps.apiScope,
    FERRY_CLIENT_ID: devApps.ferryClientId,
    FERRY_ALLOWED_TENANTS: devTenants.map((t) => t.tid).join(','),
    FERRY_CLIENT_SECRET: devApps.ferryClientSecret,
  };
}
