// Production: zone-redundant storage, purge-protected Key Vault, longer retention. Secrets are set in
// Key Vault by the operators (empty here), never passed through a parameter file.
using 'main.bicep'

param environment = 'prod'
param storageSku = 'Standard_GZRS'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param logRetentionDays = 90
param blobDeleteRetentionDays = 30
param enablePurgeProtection = true
param appSettings = {
  Smtp__Host: 'smtp.example.invalid'
  Smtp__Port: '587'
}
