import { collectScopes } from '../collectScopes';
import type { InfraPolicy } from '../infraPolicy';

// Names that say "this carries a secret" (the linter's secure-secrets-in-params words, and a few more).
const secretName = /password|pwd|secret|accountkey|acctkey|connectionstring|privatekey|token|credential|certificate(?!name|thumbprint)/i;

/** Every parameter that may carry a secret is @secure(), in main.bicep and every module, without a default. */
export const secureParamsPolicy: InfraPolicy = {
  id: 'secure-params',
  title: 'parameters that may carry a secret are @secure() and have no default',
  check({ template }) {
    const violations: string[] = [];
    for (const scope of collectScopes(template)) {
      for (const [name, parameter] of Object.entries(scope.template.parameters ?? {})) {
        const secure = /^secure/i.test(parameter.type);
        if (secretName.test(name) && !secure) violations.push(`${scope.path}: parameter ${name} looks like a secret and must be @secure()`);
        const defaultValue = parameter.defaultValue;
        if (secure && defaultValue !== undefined && defaultValue !== '' && !(typeof defaultValue === 'object' && defaultValue !== null && Object.keys(defaultValue).length === 0)) {
          violations.push(`${scope.path}: secure parameter ${name} must not have a default value`);
        }
      }
    }
    return violations;
  },
};
