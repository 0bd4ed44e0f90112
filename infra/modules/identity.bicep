// The one user-assigned identity Ferry runs as: storage (host + deployment package), Key Vault,
// Application Insights ingestion, and the subject of the app registration's federated credential
// used for on-behalf-of. A user-assigned identity outlives redeployments of the site, so the
// federated credential set up once by hand keeps working.

@description('Name of the user-assigned identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the site identity and the deployment storage authentication.')
output id string = identity.id

@description('Client id: AZURE_CLIENT_ID, AzureWebJobsStorage__clientId, Application Insights authentication.')
output clientId string = identity.properties.clientId

@description('Principal (object) id: role assignments and the federated credential subject.')
output principalId string = identity.properties.principalId
