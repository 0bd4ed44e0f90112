import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';
import { traceValue } from '../traceValue';
import { isExpression } from '../valueWithin';

/** The hook commands of one hook entry: `run`, or `posix.run` / `windows.run`. */
function hookCommands(hook: unknown): unknown[] {
  if (!hook || typeof hook !== 'object') return [];
  const entry = hook as Record<string, unknown>;
  return [entry.run, getPath(entry, 'posix.run'), getPath(entry, 'windows.run')].filter((run) => run !== undefined);
}

/** Outputs the postprovision hook (scripts/state-key.mjs) reads from the azd environment. */
export const hookEnvironmentOutputs = ['FERRY_KEY_VAULT_URL', 'FERRY_STATE_KEY_NAME'];

/**
 * azure.yaml deploys the bundled package (out/package, built by the prepackage hook, no remote
 * build) to the site main.bicep tags for the `api` service, and writes the state key after
 * provisioning. Also the repo facts azd's packaging depends on: no root .funcignore excluding
 * node_modules (azd then refuses remoteBuild: false), a build that leaves out/ alone, and
 * .azure/ and out/ git-ignored.
 */
export const azureYamlPolicy: InfraPolicy = {
  id: 'azure-yaml',
  title: 'azure.yaml: service api (ts, function, dist out/package, no remote build) with its hooks, matching main.bicep',
  check({ azureYaml, template, repoFiles }) {
    const violations: string[] = [];
    if (typeof azureYaml.name !== 'string' || azureYaml.name === '') violations.push('azure.yaml needs a name');
    const services = (azureYaml.services ?? {}) as Record<string, unknown>;
    const names = Object.keys(services);
    if (names.length !== 1 || names[0] !== 'api') violations.push(`azure.yaml must define exactly the service api (found ${names.join(', ') || 'none'})`);
    const api = (services.api ?? {}) as Record<string, unknown>;
    const expected: Record<string, unknown> = { project: '.', language: 'ts', host: 'function', dist: 'out/package', remoteBuild: false };
    for (const [key, value] of Object.entries(expected)) {
      if (api[key] !== value) violations.push(`azure.yaml services.api.${key} must be ${JSON.stringify(value)}`);
    }
    const prepackage = hookCommands(getPath(api, 'hooks.prepackage'));
    if (prepackage.length === 0 || prepackage.some((run) => run !== 'npm run package')) violations.push('azure.yaml services.api needs the prepackage hook `npm run package`');
    const postprovision = hookCommands(getPath(azureYaml, 'hooks.postprovision'));
    if (postprovision.length === 0 || postprovision.some((run) => run !== 'node scripts/state-key.mjs ensure')) {
      violations.push('azure.yaml needs the postprovision hook `node scripts/state-key.mjs ensure`');
    }
    const infra = (azureYaml.infra ?? {}) as Record<string, unknown>;
    if ((infra.path ?? 'infra') !== 'infra' || (infra.module ?? 'main') !== 'main' || (infra.provider ?? 'bicep') !== 'bicep') {
      violations.push('azure.yaml infra must be bicep, infra/main');
    }

    for (const site of resourcesOfType(template, 'Microsoft.Web/sites')) {
      const tags = traceValue(site.resource.tags, site.scope).value;
      const tag = isExpression(tags) ? /'azd-service-name', '([^']*)'/.exec(tags)?.[1] : (tags as Record<string, unknown> | undefined)?.['azd-service-name'];
      if (typeof tag === 'string' && !(tag in services)) violations.push(`main.bicep tags the site for service ${tag}, which azure.yaml does not define`);
    }
    for (const output of hookEnvironmentOutputs) {
      if (!template.outputs?.[output]) violations.push(`main.bicep must output ${output} (the postprovision hook reads it from the azd environment)`);
    }

    const funcignore = repoFiles['.funcignore'];
    if (funcignore !== undefined && /^\/?node_modules\/?\s*$/m.test(funcignore)) violations.push('the root .funcignore excludes node_modules: azd then refuses remoteBuild: false');
    const build = String(getPath(JSON.parse(repoFiles['package.json'] ?? '{}'), 'scripts.build') ?? '');
    if (/\b(rm|rimraf|del|rmdir|shx rm)\b[^&|;]*\bout\b/.test(build)) violations.push('npm run build must not clean out/ (azd runs it after the prepackage hook wrote out/package)');
    const ignored = (repoFiles['.gitignore'] ?? '').split(/\r?\n/).map((line) => line.trim());
    for (const entry of ['.azure', 'out']) {
      if (!ignored.includes(entry) && !ignored.includes(`${entry}/`) && !ignored.includes(`/${entry}/`)) violations.push(`.gitignore must ignore ${entry}/`);
    }
    return violations;
  },
};
