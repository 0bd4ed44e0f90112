// The Flex Consumption plan and the function app. Flex takes the runtime, scale and deployment
// source from `functionAppConfig`, not from app settings: FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and WEBSITE_CONTENT* are deprecated there and
// must not be set. Every credential is the user-assigned identity; no app setting holds a secret.

@description('Plan name.')
param planName string

@description('Function app name (also its host name).')
param appName string

@description('Azure region.')
param location string

@description('Tags for both resources; the site also gets azd-service-name.')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Blob endpoint of the host storage account.')
param blobEndpoint string

@description('Container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Application Insights component name (its connection string is read here, never passed around).')
param appInsightsName string

// The instance sizes Flex Consumption offers (512 MB is the newest; UNVERIFIED in every region).
@description('Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the HTTP trigger group; 0 for none (scale to zero).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int

@description('Key Vault URI (FERRY_KEY_VAULT_URL).')
param keyVaultUrl string

@description('Secret name of the state key ring (FERRY_STATE_KEY_NAME).')
param stateKeyName string

@description('Application (client) id of the Ferry API registration (FERRY_API_AUDIENCE, FERRY_CLIENT_ID).')
param apiClientId string

@description('Entra ID authority host (FERRY_AUTHORITY).')
param authority string

@description('How Ferry proves itself in the on-behalf-of exchange (FERRY_OBO_MODE).')
@allowed([
  'federated'
  'certificate'
  'secret'
])
param oboMode string

@description('Comma-separated tenant ids allowed to call Ferry (FERRY_ALLOWED_TENANTS).')
param allowedTenants string

@description('Origin of Microsoft Graph (FERRY_GRAPH_URL).')
param graphUrl string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // UNVERIFIED: Flex Consumption's deprecation list (as far as found) does not name these
    // siteConfig properties; the Bicep types of this api-version accept them.
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      alwaysOn: false
      appSettings: [
        // Host storage through the identity (no AccountKey anywhere).
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
        // Telemetry: the connection string only routes; ingestion is authenticated with the identity.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // The identity @azure/identity's ManagedIdentityCredential uses.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        // Ferry's own settings (shared/config.ts).
        { name: 'FERRY_KEY_VAULT_URL', value: keyVaultUrl }
        { name: 'FERRY_STATE_KEY_NAME', value: stateKeyName }
        { name: 'FERRY_API_AUDIENCE', value: apiClientId }
        { name: 'FERRY_CLIENT_ID', value: apiClientId }
        { name: 'FERRY_AUTHORITY', value: authority }
        { name: 'FERRY_OBO_MODE', value: oboMode }
        { name: 'FERRY_ALLOWED_TENANTS', value: allowedTenants }
        { name: 'FERRY_GRAPH_URL', value: graphUrl }
        // The host's request body limit: one upload chunk (3 MiB, PUT mail/draft/upload) and its headers'
        // slack, ~3.1 MiB; Ferry refuses more itself (413). UNVERIFIED: that Flex Consumption honours this
        // setting (claimed for the Functions host; the default is far larger, so unset it only loosens).
        { name: 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT', value: '3250585' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// Basic (user name + password) publishing off for both FTP and the SCM/Kudu endpoint: deployments
// authenticate with Entra ID (azd and `az functionapp deployment source config-zip` do).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
