// The access log (Act 703/2023: who read which client's data) in a storage account of its own, where
// the app's identity may only read rows and add new ones. A custom role grants exactly the data actions
// entities/read and entities/add/action on this account: no entities/update, no entities/delete, no
// table delete, no keys (shared-key access is off). What this enforces and what it does not is in
// README.md ("Security"): an Owner of the subscription or resource group can still grant themselves
// more, or delete the account; its diagnostic logs (to Log Analytics) record such operations.

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Replication.')
param skuName string

@description('Principal id of the Function App\'s system-assigned identity.')
param principalId string

@description('Resource id of the Function App (stable role assignment names).')
param appId string

@description('Log Analytics workspace that receives the storage logs.')
param workspaceId string

@description('Table of the access log (the app\'s Storage:NamePrefix + AccessLog).')
param tableName string = 'AccessLog'

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
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: account
  name: 'default'
}

// Created here: the app's role cannot create (or delete) tables.
resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = {
  parent: tableService
  name: tableName
}

// A custom role has one name per tenant: the account's name makes it unique.
resource appendOnly 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(account.id, 'access-log-append-only')
  properties: {
    roleName: 'Access log append-only (${name})'
    description: 'Read and add rows of the access log table; never update or delete them.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/read'
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action'
        ]
        notDataActions: []
      }
    ]
  }
}

resource appAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appId, 'access-log-append-only')
  scope: table
  properties: {
    roleDefinitionId: appendOnly.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

#disable-next-line use-recent-api-versions
resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

output name string = account.name
output id string = account.id
output tableEndpoint string = account.properties.primaryEndpoints.table
