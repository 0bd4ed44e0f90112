import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';
import { originOf } from '../originOf';
import { traceValue } from '../traceValue';
import { isExpression, numberWithin, valueWithin } from '../valueWithin';

/**
 * The Flex Consumption function app: Linux, the azd service tag, HTTPS and TLS 1.2 only, FTP off,
 * and its `functionAppConfig` (identity-authenticated blob deployment, Node 22, the memory sizes and
 * instance bounds Flex Consumption offers, always-ready only for the HTTP group).
 */
export const functionAppPolicy: InfraPolicy = {
  id: 'function-app',
  title: 'function app: functionapp,linux, azd-service-name api, HTTPS + TLS 1.2, FTP off, functionAppConfig as Flex needs',
  check({ template }) {
    const sites = resourcesOfType(template, 'Microsoft.Web/sites');
    if (sites.length !== 1) return [`expected exactly one function app (found ${sites.length})`];
    const site = sites[0]!;
    const { resource, scope } = site;
    const at = (what: string) => `${scope.path}: ${what}`;
    const violations: string[] = [];
    const expect = (path: string, wanted: unknown, why: string) => {
      if (getPath(resource, path) !== wanted) violations.push(at(`${path} must be ${JSON.stringify(wanted)} (${why})`));
    };
    expect('kind', 'functionapp,linux', 'a Linux function app');
    const tags = traceValue(resource.tags, scope).value;
    const serviceTag = isExpression(tags) ? /'azd-service-name', '([^']*)'/.exec(tags)?.[1] : (tags as Record<string, unknown> | undefined)?.['azd-service-name'];
    if (serviceTag !== 'api') violations.push(at('the site must carry the tag azd-service-name: api (azd deploys the api service to it)'));
    expect('properties.httpsOnly', true, 'no plain HTTP');
    expect('properties.siteConfig.minTlsVersion', '1.2', 'TLS 1.2 or later');
    expect('properties.siteConfig.scmMinTlsVersion', '1.2', 'TLS 1.2 or later on the deployment endpoint');
    expect('properties.siteConfig.ftpsState', 'Disabled', 'FTP off');
    expect('properties.siteConfig.alwaysOn', false, 'Flex Consumption has no Always On; use always-ready instances');

    const config = 'properties.functionAppConfig';
    expect(`${config}.deployment.storage.type`, 'blobContainer', 'Flex deploys from a blob container');
    expect(`${config}.deployment.storage.authentication.type`, 'UserAssignedIdentity', 'no storage key or connection string');
    if (originOf(getPath(resource, `${config}.deployment.storage.authentication.userAssignedIdentityResourceId`), scope) !== 'identity.id') {
      violations.push(at('the deployment storage must authenticate with the user-assigned identity'));
    }
    expect(`${config}.runtime.name`, 'node', 'Ferry is a Node.js app');
    expect(`${config}.runtime.version`, '22', 'Ferry targets Node 22');
    if (!valueWithin(getPath(resource, `${config}.scaleAndConcurrency.instanceMemoryMB`), scope, [512, 2048, 4096])) {
      violations.push(at('instanceMemoryMB must be limited to 512, 2048 or 4096'));
    }
    if (!numberWithin(getPath(resource, `${config}.scaleAndConcurrency.maximumInstanceCount`), scope, 40, 1000)) {
      violations.push(at('maximumInstanceCount must be limited to 40-1000'));
    }
    const alwaysReady = getPath(resource, `${config}.scaleAndConcurrency.alwaysReady`);
    const groups = isExpression(alwaysReady)
      ? [...alwaysReady.matchAll(/'name', '([^']*)'/g)].map((m) => m[1])
      : Array.isArray(alwaysReady) ? alwaysReady.map((entry) => (entry as { name?: unknown }).name) : [];
    if (groups.some((name) => name !== 'http')) violations.push(at('always-ready instances are only for the http group'));
    return violations;
  },
};
