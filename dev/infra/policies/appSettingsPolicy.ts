import { resourcesOfType } from '../collectScopes';
import type { InfraPolicy } from '../infraPolicy';
import { type Origin, originOf } from '../originOf';
import { siteAppSettings } from '../siteAppSettings';
import { traceValue } from '../traceValue';

/**
 * The settings Ferry and the Functions host read in Azure, each from the right place. The FERRY_*
 * names are the ones shared/config.ts (and the Key Vault provider) read; the identity, storage and
 * telemetry ones are what the host needs with shared keys and local auth off.
 */
const expectedOrigins: Record<string, Origin | Origin[] | 'present'> = {
  AzureWebJobsStorage__credential: 'literal',
  AzureWebJobsStorage__clientId: 'identity.clientId',
  AzureWebJobsStorage__blobServiceUri: 'storage.blobEndpoint',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'appInsights.connectionString',
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'present',
  AZURE_CLIENT_ID: 'identity.clientId',
  FERRY_KEY_VAULT_URL: 'keyVault.uri',
  FERRY_STATE_KEY_NAME: ['parameter:stateKeyName', 'literal'],
  FERRY_API_AUDIENCE: 'parameter:apiClientId',
  FERRY_CLIENT_ID: 'parameter:apiClientId',
  FERRY_AUTHORITY: ['parameter:authority', 'literal'],
  FERRY_OBO_MODE: ['parameter:oboMode', 'literal'],
  FERRY_ALLOWED_TENANTS: 'parameter:allowedTenants',
  FERRY_GRAPH_URL: ['parameter:graphUrl', 'literal'],
  // One upload chunk (3 MiB) and slack: the host refuses larger bodies before Ferry reads them.
  FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: 'literal',
};

/**
 * Settings Flex Consumption deprecates (it takes runtime, version and package from
 * functionAppConfig) or that would bring a key back (`AzureWebJobsStorage` as a connection string).
 */
const forbidden = [/^FUNCTIONS_WORKER_RUNTIME$/, /^FUNCTIONS_EXTENSION_VERSION$/, /^WEBSITE_RUN_FROM_PACKAGE$/, /^WEBSITE_CONTENT/, /^AzureWebJobsStorage$/, /^WEBSITE_NODE_DEFAULT_VERSION$/];

export const appSettingsPolicy: InfraPolicy = {
  id: 'app-settings',
  title: 'app settings: identity-based host storage, Entra-authenticated telemetry, every setting Ferry reads, none Flex deprecates',
  check({ template }) {
    const violations: string[] = [];
    for (const site of resourcesOfType(template, 'Microsoft.Web/sites')) {
      const settings = siteAppSettings(site);
      const at = (what: string) => `${site.scope.path}: ${what}`;
      const seen = new Set<string>();
      for (const { name } of settings) {
        if (seen.has(name)) violations.push(at(`app setting ${name} is set twice`));
        seen.add(name);
        if (forbidden.some((pattern) => pattern.test(name))) violations.push(at(`app setting ${name} must not be set on Flex Consumption`));
      }
      for (const [name, expected] of Object.entries(expectedOrigins)) {
        const setting = settings.find((s) => s.name === name);
        if (!setting) {
          violations.push(at(`app setting ${name} is missing`));
          continue;
        }
        const origin = originOf(setting.value, site.scope);
        const allowed = expected === 'present' ? undefined : Array.isArray(expected) ? expected : [expected];
        if (allowed && !allowed.includes(origin)) violations.push(at(`app setting ${name} must come from ${allowed.join(' or ')} (it is ${origin})`));
      }
      const credential = settings.find((s) => s.name === 'AzureWebJobsStorage__credential');
      if (credential && credential.value !== 'managedidentity') violations.push(at('AzureWebJobsStorage__credential must be managedidentity'));
      const authentication = settings.find((s) => s.name === 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING');
      if (authentication && !isIdentityAuthentication(authentication.value, site.scope)) {
        violations.push(at('APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be ClientId=<identity client id>;Authorization=AAD'));
      }
    }
    return violations;
  },
};

function isIdentityAuthentication(value: unknown, scope: Parameters<typeof originOf>[1]): boolean {
  const traced = traceValue(value, scope);
  const match = typeof traced.value === 'string' ? /^\[format\('ClientId=\{0\};Authorization=AAD', (.+)\)\]$/.exec(traced.value) : null;
  return match !== null && originOf(`[${match[1]!}]`, traced.scope) === 'identity.clientId';
}
