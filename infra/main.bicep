// Ferry on Azure: one resource group holding a Flex Consumption function app, its host storage, a
// Key Vault for the state key ring, Log Analytics + Application Insights, and one user-assigned
// identity for every access. Deployed by `azd up` (parameters from main.parameters.json) or
// `az deployment sub create` (see docs/deploy.md). Plain resources only, no registry modules: the
// templates compile offline, and `npm run lint:infra` checks them with Microsoft's compiler.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment. Names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer Flex Consumption: az functionapp list-flexconsumption-locations.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@minLength(36)
@maxLength(36)
@description('Application (client) id of the Ferry API app registration: the audience of device tokens and the on-behalf-of client.')
param apiClientId string

@minLength(1)
@description('Comma-separated Entra tenant ids whose users may call Ferry.')
param allowedTenants string

@allowed([
  'federated'
  'certificate'
  'secret'
])
@description('How Ferry proves itself in the on-behalf-of exchange. federated: a token of the user-assigned identity (no secret at all).')
param oboMode string = 'federated'

@minLength(1)
@maxLength(127)
@description('Key Vault secret name of the state key ring.')
param stateKeyName string = 'ferry-state-key'

@description('Origin of Microsoft Graph.')
param graphUrl string = 'https://graph.microsoft.com'

@description('Entra ID authority host; device tokens must come from {authority}/{tenant}/v2.0.')
param authority string = environment().authentication.loginEndpoint

@allowed([
  'default'
  'recover'
])
@description('default: create the Key Vault. recover: recover the soft-deleted vault of this environment (its name stays taken for 90 days after azd down).')
param keyVaultCreateMode string = 'default'

@allowed([
  512
  2048
  4096
])
@description('Memory per function instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Upper bound of function instances.')
param maximumInstanceCount int = 100

@minValue(0)
@maxValue(20)
@description('Always-ready instances for HTTP functions (billed while idle); 0 scales to zero.')
param alwaysReadyHttpInstances int = 0

@description('Object id of the deployer, who gets Key Vault Secrets Officer to write the state key. Empty: the identity running the deployment.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
@description('Type of principalId (ServicePrincipal when a pipeline deploys).')
param principalType string = 'User'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var deployerPrincipalId = empty(principalId) ? deployer().objectId : principalId

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    containerName: 'deployment-package'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    createMode: keyVaultCreateMode
    workspaceId: monitoring.outputs.workspaceId
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: principalType
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    planName: 'plan-${resourceToken}'
    appName: 'func-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.containerName
    appInsightsName: monitoring.outputs.appInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    keyVaultUrl: keyVault.outputs.uri
    stateKeyName: stateKeyName
    apiClientId: apiClientId
    authority: authority
    oboMode: oboMode
    allowedTenants: allowedTenants
    graphUrl: graphUrl
  }
}

// Outputs become azd environment values (and hook environment). Names and URLs only: nothing here is
// a key, and deployment history keeps outputs.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output FERRY_KEY_VAULT_URL string = keyVault.outputs.uri
output FERRY_STATE_KEY_NAME string = stateKeyName
output FERRY_API_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output FERRY_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output FERRY_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
