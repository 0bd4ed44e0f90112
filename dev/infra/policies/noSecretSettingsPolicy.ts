import { resourcesOfType } from '../collectScopes';
import type { InfraPolicy } from '../infraPolicy';
import { siteAppSettings } from '../siteAppSettings';
import { traceValue } from '../traceValue';

// A value that reads or embeds a credential: list*() calls (listKeys, listSecrets, ...), key-bearing
// connection strings, SAS tokens.
const secretValue = /\blist[A-Za-z]*\(|AccountKey=|SharedAccessSignature|SharedAccessKey=|InstrumentationKey=[0-9a-f-]{8}|[?&]sig=/i;
// Names that say "this holds a secret". FERRY_STATE_KEY_NAME (a name, not a key) does not match.
const secretName = /secret|password|pwd|privatekey|accountkey|_KEYS?$|connectionstring$/i;
const allowedNames = new Set(['APPLICATIONINSIGHTS_CONNECTION_STRING']);

/**
 * No app setting holds a secret: secrets live in Key Vault and are read with the identity. The
 * local-development settings (FERRY_STATE_KEYS, FERRY_CLIENT_SECRET) must never reach Azure.
 */
export const noSecretSettingsPolicy: InfraPolicy = {
  id: 'no-secret-settings',
  title: 'no app setting holds or reads a secret (keys, passwords, SAS, list*() results, secure parameters)',
  check({ template }) {
    const violations: string[] = [];
    for (const site of resourcesOfType(template, 'Microsoft.Web/sites')) {
      for (const { name, value } of siteAppSettings(site)) {
        const at = `${site.scope.path}: app setting ${name}`;
        if (secretName.test(name) && !allowedNames.has(name)) violations.push(`${at} is named like a secret; secrets come from Key Vault`);
        const traced = traceValue(value, site.scope);
        const text = typeof traced.value === 'string' ? traced.value : JSON.stringify(traced.value ?? null);
        if (secretValue.test(text)) violations.push(`${at} reads or embeds a credential`);
        if (traced.parameters.some((p) => /^secure/i.test(p.type))) violations.push(`${at} comes from a secure parameter`);
      }
    }
    return violations;
  },
};
