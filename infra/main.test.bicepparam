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
param signingClientId = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_ID', '')
param signingClientSecret = readEnvironmentVariable('REFERRALS_SIGNING_CLIENT_SECRET', '')
