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
param environmentName string

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

@description('Days every version of a decision document is immutable (WORM): set it from the county\'s archive plan.')
@minValue(1)
@maxValue(146000)
param decisionRetentionDays int = 3650

@description('Address space of the app\'s VNet.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Subnet of the Function App\'s VNet integration.')
param appSubnetPrefix string = '10.40.1.0/24'

@description('Subnet of the private endpoints of storage and Key Vault.')
param endpointSubnetPrefix string = '10.40.2.0/24'

@description('Client address ranges (CIDR) allowed to reach the API and the signing page: the county\'s networks. Empty: nobody (only Front Door, if allowed).')
param allowedClientRanges array = []

@description('Allow Azure Front Door (service tag AzureFrontDoor.Backend) to reach the app.')
param allowFrontDoor bool = false

@description('Key Vault purge protection (always on in production).')
param enablePurgeProtection bool = false

@description('Mail relay (SMTP) host; the password is the Key Vault secret mail-password.')
param mailHost string

@description('Mail relay port.')
param mailPort int = 587

@description('Mail relay transport security: StartTls, SslOnConnect, Auto or None.')
@allowed([
  'StartTls'
  'SslOnConnect'
  'Auto'
  'None'
])
param mailSecurity string = 'StartTls'

@description('Mail relay user name (empty: no authentication).')
param mailUserName string = ''

@description('Sender address of every mail.')
param mailFrom string

@description('How callers get tokens: EntraId (every Azure environment), or Development (tokens signed with the Key Vault secret jwt-signing-key; the dev deployment only: elsewhere the app refuses to start with it).')
@allowed([
  'EntraId'
  'Development'
])
param authMode string = 'EntraId'

@description('Entra ID audience of the API\'s tokens (the app registration\'s application id URI or client id).')
param authAudience string = 'referrals-api'

@description('Client id of the Entra ID app registration for the leader\'s sign-in on /signing (App Service Authentication; its app roles are Signer.{unit}).')
param signingClientId string

@description('Accept temporary identity numbers 900-999 (test data only, never in production).')
param allowTemporaryNumbers bool = false

@description('Further app settings (section__key names), merged over the ones this template sets.')
param extraAppSettings object = {}

@description('Secret values to store in Key Vault. Leave empty to create or rotate them outside the deployment (az keyvault secret set); the app reads them by Key Vault references either way.')
@secure()
param mailPassword string = ''

@secure()
param jwtSigningKey string = ''

@secure()
param signingLinkSecret string = ''

@secure()
param clientIdKey string = ''

@description('Client secret of the signing app registration (stored in Key Vault as signing-client-secret).')
@secure()
param signingClientSecret string = ''

@description('Name of the Key Vault secret whose versions are the client records\' key-encryption keys (base64 of 32 random bytes each; created by an operator with az keyvault secret set).')
param clientRecordsKeyName string = 'client-records-kek'

@description('The county\'s process configuration (docs/process-configuration.md): a blob in the app\'s storage account, container and name, uploaded by an operator; both empty: the configuration shipped in the package. Checked at start: the app does not start on a broken one.')
param processConfigurationContainer string = ''

@description('Name of the process configuration blob in processConfigurationContainer (e.g. process-2027.1.json).')
param processConfigurationBlobName string = ''

@description('Tags on every resource.')
param tags object = {}

var suffix = take(uniqueString(resourceGroup().id, namePrefix, environmentName), 6)
var baseName = '${namePrefix}-${environmentName}'
var allTags = union(tags, {
  product: namePrefix
  environment: environmentName
})
var deploymentContainerName = 'app-package'
// Names are fixed before anything is deployed, so what-if can predict every resource.
var names = {
  workspace: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  storage: toLower('st${namePrefix}${environmentName}${suffix}')
  auditStorage: toLower('sta${namePrefix}${environmentName}${suffix}')
  vnet: 'vnet-${baseName}-${suffix}'
  keyVault: 'kv-${take(namePrefix, 8)}-${environmentName}-${suffix}'
  plan: 'asp-${baseName}-${suffix}'
  app: 'func-${baseName}-${suffix}'
}
var secretNames = {
  mailPassword: 'mail-password'
  jwtSigningKey: 'jwt-signing-key'
  signingLinkSecret: 'signing-link-secret'
  clientIdKey: 'client-id-key'
  signingClientSecret: 'signing-client-secret'
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

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    tags: allTags
    name: names.vnet
    addressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    endpointSubnetPrefix: endpointSubnetPrefix
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
    decisionRetentionDays: decisionRetentionDays
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: allTags
    name: names.keyVault
    workspaceId: monitoring.outputs.workspaceId
    enablePurgeProtection: enablePurgeProtection || environmentName == 'prod'
    secrets: {
      '${secretNames.mailPassword}': mailPassword
      '${secretNames.jwtSigningKey}': jwtSigningKey
      '${secretNames.signingLinkSecret}': signingLinkSecret
      '${secretNames.clientIdKey}': clientIdKey
      '${secretNames.signingClientSecret}': signingClientSecret
    }
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
    appSubnetId: network.outputs.appSubnetId
    allowedClientRanges: allowedClientRanges
    allowFrontDoor: allowFrontDoor
    signingClientId: signingClientId
    apiAudience: authAudience
  }
}

module audit 'modules/audit.bicep' = {
  name: 'audit'
  params: {
    location: location
    tags: allTags
    name: names.auditStorage
    skuName: storageSku
    principalId: functionApp.outputs.principalId
    appId: resourceId('Microsoft.Web/sites', names.app)
    workspaceId: monitoring.outputs.workspaceId
  }
}

// The only ways to storage, the access log and Key Vault: private endpoints in the VNet.
var privateEndpoints = [
  {
    name: 'pe-${names.storage}-blob'
    target: 'storage'
    groupId: 'blob'
  }
  {
    name: 'pe-${names.storage}-table'
    target: 'storage'
    groupId: 'table'
  }
  {
    name: 'pe-${names.storage}-queue'
    target: 'storage'
    groupId: 'queue'
  }
  {
    name: 'pe-${names.auditStorage}-table'
    target: 'audit'
    groupId: 'table'
  }
  {
    name: 'pe-${names.keyVault}'
    target: 'vault'
    groupId: 'vault'
  }
]

module endpoints 'modules/privateendpoint.bicep' = [
  for endpoint in privateEndpoints: {
    name: endpoint.name
    params: {
      location: location
      tags: allTags
      name: endpoint.name
      targetId: {
        storage: storage.outputs.id
        audit: audit.outputs.id
        vault: vault.outputs.id
      }[endpoint.target]
      groupId: endpoint.groupId
      subnetId: network.outputs.endpointSubnetId
      zoneId: {
        blob: network.outputs.blobZoneId
        table: network.outputs.tableZoneId
        queue: network.outputs.queueZoneId
        vault: network.outputs.vaultZoneId
      }[endpoint.groupId]
    }
  }
]

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
var vaultUri = vault.outputs.vaultUri
var secretSettings = union(
  {
    Mail__Password: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.mailPassword})'
    Signing__LinkSecret: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.signingLinkSecret})'
    Clients__Key: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.clientIdKey})'
    MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.signingClientSecret})'
  },
  authMode == 'Development'
    ? union(
        { Auth__SigningKey: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.jwtSigningKey})' },
        // The host accepts development tokens only in the Development environment, and only the dev
        // deployment is that: in test or prod, authMode=Development makes the app refuse to start.
        environmentName == 'dev' ? { AZURE_FUNCTIONS_ENVIRONMENT: 'Development' } : {}
      )
    : {}
)

// What the application reads (the options sections Storage, Mail, Auth, Clients, Signing); the rest
// comes from appsettings.json in the package. Section:Key becomes Section__Key in app settings.
var appUrl = 'https://${functionApp.outputs.defaultHostName}'
var applicationSettings = {
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  Storage__BlobServiceUri: storage.outputs.blobEndpoint
  Storage__AccessLogTableServiceUri: audit.outputs.tableEndpoint
  Mail__Host: mailHost
  Mail__Port: string(mailPort)
  Mail__Security: mailSecurity
  Mail__UserName: mailUserName
  Mail__From: mailFrom
  Mail__PublicBaseUrl: appUrl
  Auth__Mode: authMode
  Auth__Authority: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  Auth__Audience: authAudience
  Clients__AllowTemporaryNumbers: string(allowTemporaryNumbers)
  // Defender for Storage scans uploads (modules/storage.bicep); attachments are served once it says clean.
  Attachments__Scanner: 'DefenderForStorage'
  // The client IP for the per-IP rate limits is the one the platform's front end appends to X-Forwarded-For.
  RateLimits__UseForwardedFor: 'true'
  Signing__SignIn__Mode: 'AppServiceAuthentication'
  // The shared data-protection key ring is encrypted with this Key Vault certificate (created once by an
  // operator: see the README); the app reads it as the certificate's secret (Key Vault Secrets User).
  DataProtection__KeyVaultUri: vaultUri
  DataProtection__CertificateName: 'dataprotection'
  // The protected client records' key-encryption key: a Key Vault secret whose versions are 256-bit keys
  // (created and rotated by an operator, never by a deployment: see the README, "The client record"); the
  // app reads every enabled version with its identity (Key Vault Secrets User, modules/access.bicep).
  ClientRecords__KeyVaultUri: vaultUri
  ClientRecords__KeyName: clientRecordsKeyName
  ProcessConfiguration__BlobContainer: processConfigurationContainer
  ProcessConfiguration__BlobName: processConfigurationBlobName
}

module settings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  params: {
    appName: names.app
    storageAccountName: names.storage
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    appSettings: union(applicationSettings, extraAppSettings, secretSettings)
  }
  dependsOn: [
    access
    endpoints
  ]
}

@description('Base URL of the API (routes start with /api).')
output appUrl string = appUrl
output functionAppName string = functionApp.outputs.name
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName
