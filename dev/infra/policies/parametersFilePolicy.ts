import type { InfraPolicy } from '../infraPolicy';

// `${NAME}` or `${NAME=default}`: azd substitutes environment values (envsubst syntax; the `=default`
// form is what Azure's own azd templates use). UNVERIFIED: that azd turns "2048" into the int an int
// parameter needs (Azure's azd samples pass bools the same way).
const azdReference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\}$/;

/** The azd environment values azd itself provides, by the parameter that takes them. */
const azdProvided: Record<string, string> = {
  environmentName: 'AZURE_ENV_NAME',
  location: 'AZURE_LOCATION',
  principalId: 'AZURE_PRINCIPAL_ID',
  principalType: 'AZURE_PRINCIPAL_TYPE',
};

/**
 * infra/main.parameters.json agrees with main.bicep: it names only parameters main.bicep declares,
 * gives every required one, takes each from the azd environment (`${VAR}`), and where it spells a
 * fallback (`${VAR=default}`) that fallback is main.bicep's own default.
 */
export const parametersFilePolicy: InfraPolicy = {
  id: 'parameters-file',
  title: 'main.parameters.json matches main.bicep: known names, every required one, ${VAR} values, same defaults',
  check({ template, parametersFile }) {
    const violations: string[] = [];
    const declared = template.parameters ?? {};
    if (!/deploymentParameters\.json/.test(String(parametersFile.$schema ?? ''))) violations.push('main.parameters.json must use the deploymentParameters $schema');
    const given = (parametersFile.parameters ?? {}) as Record<string, { value?: unknown }>;
    for (const [name, entry] of Object.entries(given)) {
      const parameter = declared[name];
      if (!parameter) {
        violations.push(`main.parameters.json sets ${name}, which main.bicep does not declare`);
        continue;
      }
      const match = typeof entry?.value === 'string' ? azdReference.exec(entry.value) : null;
      if (!match) {
        violations.push(`main.parameters.json: ${name} must be an azd environment reference like "\${VAR}" (no literal values)`);
        continue;
      }
      const [, variable, fallback] = match;
      if (azdProvided[name] && variable !== azdProvided[name]) violations.push(`main.parameters.json: ${name} must come from ${azdProvided[name]}`);
      const defaultValue = parameter.defaultValue;
      if (typeof defaultValue === 'string' && defaultValue.startsWith('[')) {
        violations.push(`main.parameters.json: ${name}'s default is computed by main.bicep; leave it out (an unset variable would replace it with an empty string)`);
      } else if (defaultValue !== undefined && defaultValue !== '') {
        if (fallback === undefined) violations.push(`main.parameters.json: ${name} needs "\${${variable}=${String(defaultValue)}}" (an unset variable would be an empty string)`);
        else if (fallback !== String(defaultValue)) violations.push(`main.parameters.json: ${name} falls back to "${fallback}" but main.bicep's default is "${String(defaultValue)}"`);
      } else if (defaultValue === undefined && fallback !== undefined) {
        violations.push(`main.parameters.json: ${name} is required by main.bicep and must not have a fallback`);
      }
      if (fallback !== undefined && parameter.allowedValues && !parameter.allowedValues.map(String).includes(fallback)) {
        violations.push(`main.parameters.json: ${name} falls back to "${fallback}", which main.bicep does not allow`);
      }
    }
    for (const [name, parameter] of Object.entries(declared)) {
      if (parameter.defaultValue === undefined && !(name in given)) violations.push(`main.parameters.json must set the required parameter ${name}`);
    }
    return violations;
  },
};
