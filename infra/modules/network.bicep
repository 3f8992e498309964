// The app's private network: a VNet with one subnet for the Function App's outbound traffic (VNet
// integration; Flex Consumption delegates it to Microsoft.App/environments) and one for private
// endpoints, and the private DNS zones that make the storage and Key Vault host names resolve to those
// endpoints inside the VNet. Storage and Key Vault have public network access off (storage.bicep,
// audit.bicep, keyvault.bicep), so this is the only way to them.

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('VNet name.')
param name string

@description('Address space of the VNet.')
param addressPrefix string

@description('Subnet of the Function App\'s VNet integration (a /27 or larger).')
param appSubnetPrefix string

@description('Subnet of the private endpoints.')
param endpointSubnetPrefix string

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: endpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

// privatelink.{blob,table,queue}.core.windows.net (or the cloud's suffix) and Key Vault's zone.
var zoneNames = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  queue: 'privatelink.queue.${environment().suffixes.storage}'
  vault: 'privatelink${replace(environment().suffixes.keyvaultDns, 'vault.', 'vaultcore.')}'
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in items(zoneNames): {
    name: zone.value
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in items(zoneNames): {
    parent: zones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

output appSubnetId string = vnet.properties.subnets[0].id
output endpointSubnetId string = vnet.properties.subnets[1].id
output blobZoneId string = zones[0].id
output tableZoneId string = zones[1].id
output queueZoneId string = zones[2].id
output vaultZoneId string = zones[3].id
