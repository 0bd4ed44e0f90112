import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';

/** Every access to the vault is audited into Log Analytics. */
export const keyVaultAuditPolicy: InfraPolicy = {
  id: 'key-vault-audit',
  title: 'Key Vault audit logs go to Log Analytics',
  check({ template }) {
    const settings = resourcesOfType(template, 'Microsoft.Insights/diagnosticSettings').filter(({ resource }) =>
      /Microsoft\.KeyVault\/vaults/i.test(String(resource.scope ?? resource.name)),
    );
    const auditing = settings.filter(({ resource }) => {
      const logs = getPath(resource, 'properties.logs');
      const audits = Array.isArray(logs) && logs.some((log: Record<string, unknown>) =>
        log.enabled === true && (log.categoryGroup === 'audit' || log.categoryGroup === 'allLogs' || log.category === 'AuditEvent'));
      return audits && Boolean(getPath(resource, 'properties.workspaceId'));
    });
    return auditing.length > 0 ? [] : ['the Key Vault needs a diagnostic setting sending its audit logs (categoryGroup audit) to the Log Analytics workspace'];
  },
};
