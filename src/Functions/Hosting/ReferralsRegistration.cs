using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Clock;
using Referrals.Functions.Documents;
using Referrals.Functions.Mail;
using Referrals.Functions.Commands;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Hosting;

/// <summary>The wiring both hosts share: storage, the command path, reads, the referral clock's
/// orchestration side (activities, sweep, notifier), mail and documents. Each host adds its engine:
/// the standalone host the Durable Task engine in-process, the Azure host the Functions extension.
/// Registrations made before this call win (TryAdd), so a host can replace a port.</summary>
internal static class ReferralsRegistration
{
    public static IServiceCollection AddReferralsApplication(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidated<StorageOptions>(services, configuration, StorageOptions.Section);
        AddValidated<StorageTimeoutOptions>(services, configuration, StorageTimeoutOptions.Section);
        AddValidated<MailOptions>(services, configuration, MailOptions.Section);
        AddValidated<CommandOptions>(services, configuration, CommandOptions.Section);
        AddValidated<DocumentOptions>(services, configuration, DocumentOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageRequestCounter>();
        AddStorageClients(services);
        services.TryAddSingleton<StorageAccount>();
        services.TryAddKeyedSingleton(StorageAccount.Background, (sp, _) => sp.GetRequiredService<StorageAccount>().WithClients(
            sp.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient(StorageAccount.Background),
            sp.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(StorageAccount.Background)));

        services.AddProcessConfiguration(configuration);
        services.TryAddSingleton<IReferralCommands, TableReferralCommands>();
        services.TryAddSingleton<IReferralReader, TableReferralReader>();

        services.TryAddSingleton<ReadModelProjector>();
        Reports.ReportRegistration.AddReports(services, configuration);
        services.TryAddSingleton<IReferralClock, SnapshotReferralClock>();

        services.TryAddSingleton<MailTemplates>();
        services.TryAddSingleton<RecipientDirectory>();
        services.TryAddSingleton<IMessageLinks, DefaultMessageLinks>();
        services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        // The composer keys the mails' Message-IDs with Signing:LinkSecret.
        services.AddOptions<Signing.SigningOptions>().Bind(configuration.GetSection(Signing.SigningOptions.Section));
        services.TryAddSingleton<MailComposer>();
        services.TryAddSingleton<ParkedMessages>();
        services.TryAddSingleton<OutboxSweep>();
        services.TryAddSingleton<OutboxCourier>();
        services.TryAddSingleton<IOutboxCourier>(sp => sp.GetRequiredService<OutboxCourier>());

        services.TryAddSingleton<IDocumentStore, BlobDocumentStore>();
        services.TryAddSingleton<IAccessLog, TableAccessLog>();
        AddValidated<Clients.ClientRecordOptions>(services, configuration, Clients.ClientRecordOptions.Section);
        services.TryAddSingleton<Clients.IKeyEncryptionKeys>(sp =>
        {
            var keys = sp.GetRequiredService<IOptions<Clients.ClientRecordOptions>>().Value;
            return keys.KeyVaultUri is { } vault
                ? Clients.KeyVaultKeyEncryptionKeys.Connect(vault, keys.KeyName!, sp.GetRequiredService<TimeProvider>())
                : new Clients.DevelopmentKeyEncryptionKeys(keys.DevelopmentKey!);
        });
        services.TryAddSingleton<Clients.IClientRecords, Clients.TableClientRecords>();
        services.AddReferralClockOrchestration();
        return services;
    }

    private static void AddValidated<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Connection string (Azurite) by default; with service URIs, DefaultAzureCredential. Two sets
    /// of clients: the default ones with <see cref="StorageTimeoutOptions"/>' request profile (fail fast),
    /// and the ones named <see cref="StorageAccount.Background"/> with its background profile. Every
    /// client counts its requests (<see cref="StorageRequestCounter"/>) and carries the registered
    /// <see cref="StoragePolicy"/>s.</summary>
    private static void AddStorageClients(IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(_ => new DefaultAzureCredential());
            foreach (var background in new[] { false, true })
            {
                var table = clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) =>
                {
                    var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                    Configure(options, provider, provider.GetRequiredService<StorageRequestCounter>().TablePolicy, background);
                    return storage.TableServiceUri is { } uri
                        ? new TableServiceClient(uri, credential, options)
                        : new TableServiceClient(storage.ConnectionString, options);
                });
                var blob = clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) =>
                {
                    var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                    Configure(options, provider, provider.GetRequiredService<StorageRequestCounter>().BlobPolicy, background);
                    return storage.BlobServiceUri is { } uri
                        ? new BlobServiceClient(uri, credential, options)
                        : new BlobServiceClient(storage.ConnectionString, options);
                });
                if (background)
                {
                    table.WithName(StorageAccount.Background);
                    blob.WithName(StorageAccount.Background);
                }
            }
            // The access log's own account (append-only for the app's identity) when configured.
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) =>
            {
                var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                Configure(options, provider, provider.GetRequiredService<StorageRequestCounter>().TablePolicy, background: false);
                return storage.AccessLogTableServiceUri is { } uri
                    ? new TableServiceClient(uri, credential, options)
                    : storage.TableServiceUri is { } main ? new TableServiceClient(main, credential, options) : new TableServiceClient(storage.ConnectionString, options);
            }).WithName(TableAccessLog.ClientName);
        });
    }

    private static void Configure(ClientOptions options, IServiceProvider provider, Azure.Core.Pipeline.HttpPipelinePolicy counter, bool background)
    {
        var timeouts = provider.GetRequiredService<IOptions<StorageTimeoutOptions>>().Value;
        options.Retry.Mode = background ? RetryMode.Exponential : RetryMode.Fixed;
        options.Retry.MaxRetries = background ? timeouts.BackgroundMaxRetries : timeouts.RequestMaxRetries;
        options.Retry.Delay = background ? timeouts.BackgroundRetryDelay : timeouts.RequestRetryDelay;
        options.Retry.NetworkTimeout = background ? timeouts.BackgroundNetworkTimeout : timeouts.RequestNetworkTimeout;
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        foreach (var policy in provider.GetServices<StoragePolicy>()) options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
    }
}
