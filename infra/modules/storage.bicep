// The app's one storage account: Table storage for referrals, schedule, read models and access log;
// Blob storage for attachments, decision documents and the deployment package; Table, Blob and Queue
// storage for the Durable Task hub. Shared-key access is off: everything uses managed identities.
// Public network access is off: the app reaches it through private endpoints in its VNet (network.bicep).
// Blob versioning is on and the decisions container has version-level immutability (WORM): every
// version of a signed decision stays readable and can be neither overwritten nor deleted, by anyone,
// until the retention period has passed since it was written.

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Replication: LRS for dev and test, ZRS (or GZRS) for production.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob container for the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Log Analytics workspace that receives the storage logs.')
param workspaceId string

@description('Days to keep deleted blobs recoverable (signed decisions must never be lost).')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Days every version of a decision blob is immutable (WORM) after it is written.')
@minValue(1)
@maxValue(146000)
param decisionRetentionDays int


resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      bypass: 'None'
      defaultAction: 'Deny'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    // Version-level immutability needs versioning: an overwrite makes a new version, the old stays.
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

// The application's containers (architecture.md, "Storage layout") and the deployment package's;
// decisions apart, below.
var containerNames = [
  deploymentContainerName
  'attachments'
]

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource decisions 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: 'decisions'
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

// The container's default policy: each new blob version is immutable for decisionRetentionDays. It is
// deployed unlocked (ARM cannot lock it); in production an operator locks it once
// (az storage container immutability-policy lock), after which it can be lengthened, never shortened or removed.
resource decisionRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2026-06-01' = {
  parent: decisions
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: decisionRetentionDays
    allowProtectedAppendWrites: false
    allowProtectedAppendWritesAll: false
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: account
  name: 'default'
}

var serviceLogs = {
  workspaceId: workspaceId
  logs: [
    {
      categoryGroup: 'allLogs'
      enabled: true
    }
  ]
  metrics: [
    {
      category: 'Transaction'
      enabled: true
    }
  ]
}

// The linter's newer 'GA' version (2016-09-01) is a different, service-level resource; resource-scoped
// diagnostic settings (with category groups) exist only in this API version.
#disable-next-line use-recent-api-versions
resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: serviceLogs
}

#disable-next-line use-recent-api-versions
resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: serviceLogs
}

#disable-next-line use-recent-api-versions
resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: serviceLogs
}

// Defender for Storage malware scanning on upload: every new blob is scanned and gets the index tag
// "Malware Scanning scan result" ("No threats found" / "Malicious"); the app serves an attachment only
// once that tag says clean (src/Functions/Documents/MalwareScanning.cs, Attachments:Scanner=DefenderForStorage).
resource defenderForStorage 'Microsoft.Security/defenderForStorageSettings@2025-01-01' = {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: {
      onUpload: {
        isEnabled: true
        capGBPerMonth: 1000
      }
    }
    sensitiveDataDiscovery: {
      isEnabled: false
    }
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
