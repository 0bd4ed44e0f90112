// Log Analytics + workspace-based Application Insights with local (instrumentation key)
// authentication off: only Entra-authenticated telemetry is accepted, so the connection string in
// the app settings is not a credential. The identity publishes with Monitoring Metrics Publisher
// (the role Microsoft documents for Entra ingestion, despite its name).

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags for both resources.')
param tags object

@description('Principal id of the user-assigned identity that sends telemetry.')
param identityPrincipalId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

// Monitoring Metrics Publisher, scoped to this component only.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityPrincipalId, '3913510d-42f4-4e42-8a64-420c390055eb')
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Workspace resource id, the destination of the Key Vault audit logs.')
output workspaceId string = workspace.id

@description('Application Insights component name; the site reads its connection string directly.')
output appInsightsName string = appInsights.name
