import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPolicyFixture } from '../../dev/infra/applyPolicyFixture';
import type { ArmTemplate } from '../../dev/infra/armTemplate';
import { checkPolicies } from '../../dev/infra/checkPolicies';
import { compiledSnapshotFile } from '../../dev/infra/compiledSnapshot';
import { readInfraInputs } from '../../dev/infra/infraInputs';
import { infraPolicies } from '../../dev/infra/infraPolicies';
import { loadPolicyFixtures } from '../../dev/infra/loadPolicyFixtures';
import { configSchema } from '../../shared/config';

/**
 * The infra policies against the committed compile of infra/main.bicep (kept fresh by
 * `npm run lint:infra`, which compiles with the real Bicep CLI and fails on a stale snapshot) and the
 * real azure.yaml, parameters file, bicepconfig.json and repo files.
 */
const root = path.join(__dirname, '../..');
const template = JSON.parse(readFileSync(path.join(root, compiledSnapshotFile), 'utf8')) as ArmTemplate;
const inputs = readInfraInputs(root, template);
const fixtures = loadPolicyFixtures(root);

describe('infra policies on the real templates', () => {
  it.each(infraPolicies.map((policy) => [policy.id, policy] as const))('%s holds', (_id, policy) => {
    expect(policy.check(inputs)).toEqual([]);
  });

  it('lists each policy once', () => {
    const ids = infraPolicies.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('policy fixtures', () => {
  it('gives every policy at least one fixture, and every fixture a known policy', () => {
    const report = checkPolicies(inputs, infraPolicies, fixtures);
    expect(report.fixtureProblems).toEqual([]);
    expect(report.fixturesRun).toBe(fixtures.length);
    for (const policy of infraPolicies) expect(fixtures.some(({ fixture }) => fixture.policy === policy.id)).toBe(true);
  });

  it.each(fixtures.map(({ file, fixture }) => [path.basename(file), fixture] as const))('%s fails its policy', (_file, fixture) => {
    const policy = infraPolicies.find((p) => p.id === fixture.policy)!;
    const violations = policy.check(applyPolicyFixture(inputs, fixture));
    expect(violations.length).toBeGreaterThan(0);
  });

  it('edits copies: the inputs stay good after every fixture', () => {
    for (const { fixture } of fixtures) applyPolicyFixture(inputs, fixture);
    expect(infraPolicies.flatMap((policy) => policy.check(inputs))).toEqual([]);
  });

  it('rejects a fixture whose edit no longer matches anything', () => {
    const stale = { policy: 'key-vault', description: 'stale', edits: [{ target: 'resource' as const, resourceType: 'Microsoft.Sql/servers', path: 'properties.x', set: 1 }] };
    expect(() => applyPolicyFixture(inputs, stale)).toThrow(/no Microsoft\.Sql\/servers resource/);
    const report = checkPolicies(inputs, infraPolicies, [...fixtures, { file: 'stale.json', fixture: stale }]);
    expect(report.fixtureProblems).toEqual([expect.stringMatching(/^stale\.json: fixture "stale": no Microsoft\.Sql\/servers/)]);
  });

  it('reports a fixture that its policy lets pass, and a policy without fixture', () => {
    const harmless = { policy: 'storage', description: 'changes nothing the policy reads', edits: [{ target: 'resource' as const, resourceType: 'Microsoft.Storage/storageAccounts', path: 'properties.accessTier', set: 'Cool' }] };
    const report = checkPolicies(inputs, infraPolicies, [
      ...fixtures.filter(({ fixture }) => fixture.policy !== 'monitoring'),
      { file: 'harmless.json', fixture: harmless },
    ]);
    expect(report.fixtureProblems).toEqual([
      'policy monitoring has no fixture that must fail it',
      'harmless.json: policy storage lets "changes nothing the policy reads" pass',
    ]);
  });
});

describe('what the templates give Ferry', () => {
  const site = (template.resources as Array<Record<string, unknown>>).find((r) => r.name === 'functionApp') as {
    properties: { template: { resources: Array<{ type: string; properties: { siteConfig: { appSettings: Array<{ name: string }> } } }> } };
  };
  const settings = site.properties.template.resources
    .find((r) => r.type === 'Microsoft.Web/sites')!
    .properties.siteConfig.appSettings.map((s) => s.name);

  it('sets exactly the settings the issue lists', () => {
    expect(settings.sort()).toEqual(
      [
        'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
        'AZURE_CLIENT_ID',
        'AzureWebJobsStorage__blobServiceUri',
        'AzureWebJobsStorage__clientId',
        'AzureWebJobsStorage__credential',
        'FERRY_ALLOWED_TENANTS',
        'FERRY_API_AUDIENCE',
        'FERRY_AUTHORITY',
        'FERRY_CLIENT_ID',
        'FERRY_GRAPH_URL',
        'FERRY_KEY_VAULT_URL',
        'FERRY_OBO_MODE',
        'FERRY_STATE_KEY_NAME',
        // Issue 15: the host's body limit, one upload chunk and slack.
        'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT',
      ].sort(),
    );
  });

  it('sets only FERRY_* settings (and AZURE_CLIENT_ID) that shared/config.ts reads', () => {
    const read = Object.keys(configSchema.shape);
    const ferrySettings = settings.filter((name) => name.startsWith('FERRY_') || name === 'AZURE_CLIENT_ID');
    expect(ferrySettings.filter((name) => !read.includes(name))).toEqual([]);
  });

  it('allows exactly the on-behalf-of modes and state key names Ferry accepts', () => {
    const oboMode = template.parameters?.oboMode;
    expect(oboMode?.allowedValues).toEqual(configSchema.shape.FERRY_OBO_MODE.unwrap().options);
    const stateKeyName = template.parameters?.stateKeyName?.defaultValue;
    expect(configSchema.shape.FERRY_STATE_KEY_NAME.parse(stateKeyName)).toBe(stateKeyName);
  });

  it('outputs exactly the names the postprovision hook and the docs use', () => {
    expect(Object.keys(template.outputs ?? {}).sort()).toEqual(
      [
        'APPLICATIONINSIGHTS_NAME',
        'AZURE_FUNCTION_APP_NAME',
        'AZURE_KEY_VAULT_NAME',
        'AZURE_LOCATION',
        'AZURE_RESOURCE_GROUP',
        'AZURE_TENANT_ID',
        'FERRY_API_URL',
        'FERRY_IDENTITY_CLIENT_ID',
        'FERRY_IDENTITY_PRINCIPAL_ID',
        'FERRY_KEY_VAULT_URL',
        'FERRY_STATE_KEY_NAME',
      ].sort(),
    );
  });
});
