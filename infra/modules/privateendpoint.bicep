// One private endpoint (a NIC in the endpoints subnet) for one sub-resource of a storage account or Key
// Vault, registered in its private DNS zone, so that the service's own host name resolves to it in the VNet.

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Private endpoint name.')
param name string

@description('Resource id of the storage account or Key Vault.')
param targetId string

@description('The sub-resource: blob, table, queue or vault.')
@allowed([
  'blob'
  'table'
  'queue'
  'vault'
])
param groupId string

@description('The endpoints subnet.')
param subnetId string

@description('The private DNS zone of the sub-resource.')
param zoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: zoneId
        }
      }
    ]
  }
}
