// The Function App on the Flex Consumption plan (.NET isolated worker, Linux), with its system-assigned
// managed identity, which fetches the deployment package without keys. Its app settings are applied by
// appsettings.bicep once the identity's role assignments exist (access.bicep).

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Flex Consumption plan name.')
param planName string

@description('Function App name (also the default host name).')
param appName string

@description('Blob endpoint of the app\'s storage account, e.g. https://name.blob.core.windows.net/.')
param storageBlobEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Upper bound of instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Log Analytics workspace that receives the function logs.')
param workspaceId string

@description('Subnet of the VNet integration: all outbound traffic (storage, Key Vault, SMTP) goes through the VNet.')
param appSubnetId string

@description('Client address ranges (CIDR) allowed to reach the app; everything else gets 403. The Azure Front Door service tag is allowed when allowFrontDoor is set.')
param allowedClientRanges array

@description('Also allow Azure Front Door (service tag AzureFrontDoor.Backend), when the app is published through it.')
param allowFrontDoor bool
@description('Client id of the Entra ID app registration the leader signs in with on /signing (App Service Authentication).')
param signingClientId string

// The app setting that holds that registration's client secret (main.bicep sets it as a Key Vault reference).
var signingSecretSetting = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

@description('Audiences Easy Auth accepts in bearer tokens besides the signing client (the API\'s own tokens pass through to the app).')
param apiAudience string

@description('Minutes a sign-in on /signing lasts (the app\'s Signing:SignIn:SessionMinutes).')
param signingSessionMinutes int = 15

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // The API and the signing page serve people's browsers, so the site keeps a public address, closed
    // by access restrictions: only allowedClientRanges (and Front Door, if set) get through; the SCM
    // (deployment) site is closed to everyone (scmIpSecurityRestrictionsDefaultAction Deny).
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      vnetRouteAllEnabled: true
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: concat(
        map(range(0, length(allowedClientRanges)), i => {
          name: 'client-${i}'
          action: 'Allow'
          priority: 100 + i
          ipAddress: allowedClientRanges[i]
        }),
        allowFrontDoor
          ? [
              {
                name: 'front-door'
                action: 'Allow'
                priority: 300
                tag: 'ServiceTag'
                ipAddress: 'AzureFrontDoor.Backend'
              }
            ]
          : []
      )
      scmIpSecurityRestrictionsDefaultAction: 'Deny'
      scmIpSecurityRestrictionsUseMain: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // The project targets net10.0, so the isolated worker runs on .NET 10.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// App Service Authentication is the Entra ID sign-in of the signing page: anonymous requests pass (the API
// validates its own bearer tokens; /api/health stays open), and /signing without a session is sent by the app
// to /.auth/login/aad. A signed-in leader reaches the app with X-MS-CLIENT-PRINCIPAL (oid, name, roles),
// which the platform strips from client requests; the app reads it with Signing:SignIn:Mode=AppServiceAuthentication.
resource signingAuth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '${padLeft(string(signingSessionMinutes / 60), 2, '0')}:${padLeft(string(signingSessionMinutes % 60), 2, '0')}:00'
      }
      preserveUrlFragmentsForLogins: false
      allowedExternalRedirectUrls: []
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientId: signingClientId
          clientSecretSettingName: signingSecretSetting
        }
        login: {
          loginParameters: [
            'scope=openid profile'
          ]
        }
        validation: {
          allowedAudiences: [
            signingClientId
            apiAudience
          ]
        }
      }
    }
  }
}

// Basic-auth publishing is off: deployments use Entra ID (az functionapp deployment / az CLI login).
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// Resource-scoped diagnostic settings exist only in this API version (the linter's 2016-09-01 is a
// different, service-level resource).
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: app
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
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

output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
output planName string = plan.name
