// The vault holding the state key ring (a versioned secret) and, in the `certificate`/`secret`
// on-behalf-of modes, Ferry's client credential. RBAC only (no access policies); soft delete with
// purge protection, so a deleted key ring can be recovered for 90 days, and the name stays taken for
// those 90 days after `azd down`: redeploying the same environment then needs createMode 'recover'.
// Every data-plane access is audited into Log Analytics.

@description('Vault name (3-24 letters, digits and dashes).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

// UNVERIFIED: what ARM does with 'recover' once the vault is active again; docs/deploy.md says to
// set it back to 'default' after the recovering deployment.
@description('\'default\' creates the vault; \'recover\' recovers a soft-deleted vault of the same name (after `azd down`).')
@allowed([
  'default'
  'recover'
])
param createMode string

@description('Log Analytics workspace receiving the audit logs.')
param workspaceId string

@description('Principal id of the user-assigned identity (reads secrets).')
param identityPrincipalId string

@description('Object id of the deployer (writes and rotates the state key).')
param deployerPrincipalId string

@description('Type of the deployer principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    createMode: createMode
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Audit logs (every secret read, write and denial). diagnosticSettings has no non-preview
// api-version; 2021-05-01-preview is the current one in Microsoft's REST reference.
resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

// Key Vault Secrets User: read secret values and versions, nothing else.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets Officer for whoever deploys: `scripts/state-key.mjs ensure|rotate` writes versions.
resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, deployerPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

@description('Vault name.')
output name string = vault.name

@description('Vault URI, e.g. https://<name>.vault.azure.net/.')
output uri string = vault.properties.vaultUri
