// Test: production's shape at a smaller scale, with test data (temporary identity numbers) allowed.
using 'main.bicep'

param environmentName = 'test'
param storageSku = 'Standard_ZRS'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionDays = 30
param blobDeleteRetentionDays = 14
param mailHost = 'smtp.test.hyvinvointialue.example'
param mailFrom = 'sosiaalinen.kuntoutus@test.hyvinvointialue.example'
param authAudience = 'api://referrals-test'
param allowTemporaryNumbers = true
param mailPassword = readEnvironmentVariable('REFERRALS_MAIL_PASSWORD', '')
param signingLinkSecret = readEnvironmentVariable('REFERRALS_SIGNING_LINK_SECRET', '')
param clientIdKey = readEnvironmentVariable('REFERRALS_CLIENT_ID_KEY', '')
// Decision documents are WORM for this many days (every version; prod: from the county's archive plan).
param decisionRetentionDays = 30
// Who may reach the app (access restrictions; everyone else gets 403): the county's networks. The
// documentation range below is a placeholder: replace it before deploying.
param allowedClientRanges = [
  '203.0.113.0/24'
]
param signingClientId = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_ID', '')
param signingClientSecret = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_SECRET', '')
