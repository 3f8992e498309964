// The Function App's settings, applied after its identity has its role assignments, so the host never
// starts against storage or Key Vault it cannot yet read. The whole set is declared here: settings
// made by hand are replaced by the next deployment.

@description('Function App name.')
param appName string

@description('Storage account the host, the Durable Task hub and the application use.')
param storageAccountName string

@description('Application Insights connection string (not a secret; ingestion is authenticated by Entra ID).')
param appInsightsConnectionString string

@description('The application\'s own configuration, including Key Vault references.')
param appSettings object

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: appName
}

// Identity-based connections: the host, the Durable Task hub (connection AzureWebJobsStorage) and the
// timer trigger's leases all read these. No connection string, so no account key anywhere.
var platformSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, platformSettings)
}
