// Test: like production in shape, smaller in scale and retention.
using 'main.bicep'

param environment = 'test'
param storageSku = 'Standard_ZRS'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionDays = 30
param blobDeleteRetentionDays = 14
param appSettings = {
  Smtp__Host: 'smtp.test.example.invalid'
  Smtp__Port: '587'
}
param smtpPassword = readEnvironmentVariable('REFERRALS_SMTP_PASSWORD', '')
param jwtSigningKey = readEnvironmentVariable('REFERRALS_JWT_SIGNING_KEY', '')
