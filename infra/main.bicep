// The referrals back end on Azure: a Function App on the Flex Consumption plan (.NET isolated) with its
// storage account (application tables and blobs, the Durable Task hub, the deployment package), Key
// Vault for its secrets, and Application Insights on Log Analytics. No account keys or secrets in app
// settings: the app's managed identity reaches storage by role, and secrets by Key Vault references.
//
// az deployment group create -g <resource group> -f infra/main.bicep -p infra/main.<env>.bicepparam

targetScope = 'resourceGroup'

@description('Which environment this is; part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environment string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Short lower-case name of the product, the start of every resource name.')
@minLength(3)
@maxLength(10)
param namePrefix string = 'referrals'

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Upper bound of Function App instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Function App instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days to keep operational logs in Log Analytics.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Days to keep deleted blobs and containers recoverable.')
@minValue(1)
@maxValue(365)
param blobDeleteRetentionDays int = 7

@description('Key Vault purge protection (always on in production).')
param enablePurgeProtection bool = false

@description('The application\'s own settings (section__key names), merged over the defaults below.')
param appSettings object = {}

@description('SMTP relay password. Empty: set the Key Vault secret outside the deployment.')
@secure()
param smtpPassword string = ''

@description('JWT signing key (base64). Empty: set the Key Vault secret outside the deployment.')
@secure()
param jwtSigningKey string = ''

@description('Tags on every resource.')
param tags object = {}

var suffix = take(uniqueString(resourceGroup().id, namePrefix, environment), 6)
var baseName = '${namePrefix}-${environment}'
var allTags = union(tags, {
  product: namePrefix
  environment: environment
})
var deploymentContainerName = 'app-package'
// Names are fixed before anything is deployed, so what-if can predict every resource.
var names = {
  workspace: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  storage: toLower('st${namePrefix}${environment}${suffix}')
  keyVault: 'kv-${take(namePrefix, 8)}-${environment}-${suffix}'
  plan: 'asp-${baseName}-${suffix}'
  app: 'func-${baseName}-${suffix}'
}
var secretNames = {
  smtpPassword: 'smtp-password'
  jwtSigningKey: 'jwt-signing-key'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: allTags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: allTags
    name: names.storage
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    workspaceId: monitoring.outputs.workspaceId
    deleteRetentionDays: blobDeleteRetentionDays
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: allTags
    name: names.keyVault
    workspaceId: monitoring.outputs.workspaceId
    enablePurgeProtection: enablePurgeProtection || environment == 'prod'
    smtpPassword: smtpPassword
    jwtSigningKey: jwtSigningKey
    smtpPasswordSecretName: secretNames.smtpPassword
    jwtSigningKeySecretName: secretNames.jwtSigningKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    tags: allTags
    planName: names.plan
    appName: names.app
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    workspaceId: monitoring.outputs.workspaceId
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: functionApp.outputs.principalId
    appId: resourceId('Microsoft.Web/sites', names.app)
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
  }
  dependsOn: [
    vault
  ]
}

// Key Vault references are resolved by the platform with the app's identity (Key Vault Secrets User).
var secretReferences = {
  Smtp__Password: '@Microsoft.KeyVault(SecretUri=${vault.outputs.vaultUri}secrets/${secretNames.smtpPassword})'
  Jwt__SigningKey: '@Microsoft.KeyVault(SecretUri=${vault.outputs.vaultUri}secrets/${secretNames.jwtSigningKey})'
}

// What the application reads, with the production defaults; a parameter file overrides any of them.
var defaultAppSettings = {
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  Storage__BlobServiceUri: storage.outputs.blobEndpoint
  Storage__QueueServiceUri: storage.outputs.queueEndpoint
  PublicBaseUrl: 'https://${functionApp.outputs.defaultHostName}'
}

module settings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  params: {
    appName: names.app
    storageAccountName: names.storage
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    appSettings: union(defaultAppSettings, appSettings, secretReferences)
  }
  dependsOn: [
    access
  ]
}

@description('Base URL of the API (routes start with /api).')
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'
output functionAppName string = functionApp.outputs.name
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName
