// Key Vault (Azure RBAC, no access policies) holding the app's secrets: the SMTP relay's password, the
// JWT signing key (development-mode tokens only), the signing-link secret and the client-id key. The
// app reads them through Key Vault references in its app settings, so no secret is in a setting or a
// template output. Public network access is off: only its private endpoint reaches it.

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Log Analytics workspace that receives the audit log.')
param workspaceId string

@description('Protect against purge (required for production; makes a deleted vault\'s name unusable for the retention period).')
param enablePurgeProtection bool

@description('Secret name → value. Empty values are skipped: create or rotate those secrets outside the deployment.')
@secure()
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    // Reached only through its private endpoint (network.bicep): the platform resolves the app's Key
    // Vault references over the app's VNet integration.
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      bypass: 'None'
      defaultAction: 'Deny'
    }
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = [
  for item in items(secrets): if (!empty(item.value)) {
    parent: vault
    name: item.key
    properties: {
      value: item.value
    }
  }
]

// Resource-scoped diagnostic settings exist only in this API version (the linter's 2016-09-01 is a
// different, service-level resource).
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output id string = vault.id
output vaultUri string = vault.properties.vaultUri
