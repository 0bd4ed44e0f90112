/** What `APPLICATIONINSIGHTS_AUTHENTICATION_STRING` asks for. */
export interface TelemetryAuthentication {
  /** True for `Authorization=AAD`: the resource has local auth off and takes Entra ID tokens only. */
  aad: boolean;
  /** `ClientId=<uami client id>`: the user-assigned identity to get those tokens with. */
  clientId?: string;
}

/**
 * Parses `Authorization=AAD;ClientId=<id>`, the App Service / Functions convention for Application
 * Insights with local authentication disabled
 * (https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication). Keys are compared
 * without case; anything unparsable means "no Entra ID", so the exporter falls back to the
 * connection string alone (and ingestion refuses it, visibly, if local auth is off). Pure.
 */
export function parseAuthenticationString(value: string | undefined): TelemetryAuthentication {
  const pairs = new Map<string, string>();
  for (const part of (value ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) pairs.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const aad = pairs.get('authorization')?.toUpperCase() === 'AAD';
  const clientId = pairs.get('clientid');
  return aad && clientId ? { aad, clientId } : { aad };
}
