import { collectScopes } from '../collectScopes';
import type { InfraPolicy } from '../infraPolicy';

// Output names that announce a credential. AZURE_KEY_VAULT_NAME and FERRY_STATE_KEY_NAME name things.
const secretName = /secret|password|pwd|connectionstring|connection_string|token|credential|instrumentationkey|accountkey|apikey|_KEY$|Key$/;
// Values that read one: list*() calls, the App Insights connection string or key, storage keys, secure parameters.
const secretValue = /\blist[A-Za-z]*\(|\.ConnectionString\b|InstrumentationKey|\.primaryKey|\.secondaryKey|\.keys\[/i;

/**
 * No output exposes a key: deployment history keeps every output in clear, and azd copies them into
 * `.azure/<env>/.env`.
 */
export const noSecretOutputsPolicy: InfraPolicy = {
  id: 'no-secret-outputs',
  title: 'no output (main or module) exposes a key, connection string or secure parameter',
  check({ template }) {
    const violations: string[] = [];
    for (const scope of collectScopes(template)) {
      const secureParameters = Object.entries(scope.template.parameters ?? {})
        .filter(([, p]) => /^secure/i.test(p.type))
        .map(([name]) => name);
      for (const [name, output] of Object.entries(scope.template.outputs ?? {})) {
        const at = `${scope.path}: output ${name}`;
        const text = JSON.stringify(output.value ?? null);
        if (/^secure/i.test(output.type)) violations.push(`${at} is a secure output`);
        if (secretName.test(name)) violations.push(`${at} is named like a secret`);
        if (secretValue.test(text)) violations.push(`${at} reads a key or connection string`);
        if (secureParameters.some((p) => text.includes(`parameters('${p}')`))) violations.push(`${at} exposes a secure parameter`);
      }
    }
    return violations;
  },
};
