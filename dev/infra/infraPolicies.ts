import type { InfraPolicy } from './infraPolicy';
import { apiVersionsPolicy } from './policies/apiVersionsPolicy';
import { appSettingsPolicy } from './policies/appSettingsPolicy';
import { azureYamlPolicy } from './policies/azureYamlPolicy';
import { bicepConfigPolicy } from './policies/bicepConfigPolicy';
import { flexPlanPolicy } from './policies/flexPlanPolicy';
import { functionAppPolicy } from './policies/functionAppPolicy';
import { keyVaultAuditPolicy } from './policies/keyVaultAuditPolicy';
import { keyVaultPolicy } from './policies/keyVaultPolicy';
import { monitoringPolicy } from './policies/monitoringPolicy';
import { noSecretOutputsPolicy } from './policies/noSecretOutputsPolicy';
import { noSecretSettingsPolicy } from './policies/noSecretSettingsPolicy';
import { oneIdentityPolicy } from './policies/oneIdentityPolicy';
import { parametersFilePolicy } from './policies/parametersFilePolicy';
import { plainResourcesPolicy } from './policies/plainResourcesPolicy';
import { publishingCredentialsPolicy } from './policies/publishingCredentialsPolicy';
import { resourceGroupPolicy } from './policies/resourceGroupPolicy';
import { roleAssignmentsPolicy } from './policies/roleAssignmentsPolicy';
import { secureParamsPolicy } from './policies/secureParamsPolicy';
import { storagePolicy } from './policies/storagePolicy';

/** Every policy `npm run lint:infra` checks the compiled templates against (issue "Deploy to Azure"). */
export const infraPolicies: readonly InfraPolicy[] = [
  resourceGroupPolicy,
  plainResourcesPolicy,
  oneIdentityPolicy,
  flexPlanPolicy,
  functionAppPolicy,
  publishingCredentialsPolicy,
  appSettingsPolicy,
  noSecretSettingsPolicy,
  storagePolicy,
  monitoringPolicy,
  keyVaultPolicy,
  keyVaultAuditPolicy,
  roleAssignmentsPolicy,
  secureParamsPolicy,
  noSecretOutputsPolicy,
  apiVersionsPolicy,
  parametersFilePolicy,
  azureYamlPolicy,
  bicepConfigPolicy,
];
