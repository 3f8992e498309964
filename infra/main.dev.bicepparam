// Development: smallest and cheapest; secrets may come from the deployer's environment.
using 'main.bicep'

param environment = 'dev'
param storageSku = 'Standard_LRS'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionDays = 30
param blobDeleteRetentionDays = 7
param appSettings = {
  Smtp__Host: 'smtp.dev.example.invalid'
  Smtp__Port: '587'
}
param smtpPassword = readEnvironmentVariable('REFERRALS_SMTP_PASSWORD', '')
param jwtSigningKey = readEnvironmentVariable('REFERRALS_JWT_SIGNING_KEY', '')
