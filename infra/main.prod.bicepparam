// Production: geo-zone-redundant storage, purge-protected Key Vault, longer retention, Entra ID only.
// Secrets are set in Key Vault by the operators, never passed through a parameter file.
using 'main.bicep'

param environmentName = 'prod'
param storageSku = 'Standard_GZRS'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param logRetentionDays = 90
param blobDeleteRetentionDays = 30
param enablePurgeProtection = true
param mailHost = 'smtp.hyvinvointialue.example'
param mailFrom = 'sosiaalinen.kuntoutus@hyvinvointialue.example'
param authMode = 'EntraId'
param authAudience = 'api://referrals'
param allowTemporaryNumbers = false
// Decision documents are WORM for this many days (every version; prod: from the county's archive plan).
param decisionRetentionDays = 3650
// Who may reach the app (access restrictions; everyone else gets 403): the county's networks. The
// documentation range below is a placeholder: replace it before deploying.
param allowedClientRanges = [
  '203.0.113.0/24'
]
param signingClientId = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_ID', '')
param signingClientSecret = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_SECRET', '')
