// Development: smallest and cheapest. Secrets come from the deployer's environment when set
// (otherwise set them in Key Vault: see docs/azure.md).
using 'main.bicep'

param environmentName = 'dev'
param storageSku = 'Standard_LRS'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionDays = 30
param blobDeleteRetentionDays = 7
param mailHost = 'smtp.dev.hyvinvointialue.example'
param mailFrom = 'sosiaalinen.kuntoutus@dev.hyvinvointialue.example'
param authAudience = 'api://referrals-dev'
param allowTemporaryNumbers = true
param mailPassword = readEnvironmentVariable('REFERRALS_MAIL_PASSWORD', '')
param signingLinkSecret = readEnvironmentVariable('REFERRALS_SIGNING_LINK_SECRET', '')
param clientIdKey = readEnvironmentVariable('REFERRALS_CLIENT_ID_KEY', '')
// Decision documents are WORM for this many days (every version; prod: from the county's archive plan).
param decisionRetentionDays = 1
// Who may reach the app (access restrictions; everyone else gets 403): the county's networks. The
// documentation range below is a placeholder: replace it before deploying.
param allowedClientRanges = [
  '203.0.113.0/24'
]
param signingClientId = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_ID', '')
param signingClientSecret = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_SECRET', '')
