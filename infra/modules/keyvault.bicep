// Key Vault (Azure RBAC, no access policies) holding the app's secrets: the SMTP relay's password
// and the JWT signing key. The app reads them through Key Vault references in its app settings, so
// no secret is in a setting, a template output or the deployment history.

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

@description('SMTP relay password. Empty: create or rotate the secret outside the deployment.')
@secure()
param smtpPassword string = ''

@description('JWT signing key (base64). Empty: create or rotate the secret outside the deployment.')
@secure()
param jwtSigningKey string = ''

@description('Secret names, shared with the app settings that reference them.')
param smtpPasswordSecretName string
param jwtSigningKeySecretName string

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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(smtpPassword)) {
  parent: vault
  name: smtpPasswordSecretName
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

resource jwtSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(jwtSigningKey)) {
  parent: vault
  name: jwtSigningKeySecretName
  properties: {
    value: jwtSigningKey
    contentType: 'application/octet-stream;base64'
  }
}

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
