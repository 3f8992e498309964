using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Azure.Data.Tables;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Clock;
using Referrals.Functions.Documents;
using Referrals.Domain.Referrals;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Reports;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>The application as both hosts wire it (<see cref="ReferralsRegistration.AddReferralsApplication"/>),
/// against the shared Azurite and maildev, with its own table and container names, task hub and
/// mailboxes. By default without an engine, on a <see cref="FakeTimeProvider"/> that the test moves,
/// and <see cref="SettleAsync"/> does what the clocks would; <see cref="CreateWithEngine"/> runs the
/// real Durable Task engine on Azurite instead, on the time the test gives it.</summary>
public sealed class TestRuntime : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private TestRuntime(ServiceProvider provider, string prefix, TimeProvider time)
    {
        this.provider = provider;
        Prefix = prefix;
        Clock = time;
    }

    public string Prefix { get; }

    /// <summary>The runtime's time; <see cref="Time"/> when it is the default fake one.</summary>
    public TimeProvider Clock { get; }

    public FakeTimeProvider Time => Clock as FakeTimeProvider
        ?? throw new InvalidOperationException("This runtime runs on the time its test gave it, not a FakeTimeProvider.");

    /// <summary>The Durable Task engine (only in a runtime made by <see cref="CreateWithEngine"/>).</summary>
    internal DurableTaskEngine Engine => provider.GetRequiredService<DurableTaskEngine>();

    public IServiceProvider Services => provider;

    internal IReferralCommands Commands => provider.GetRequiredService<IReferralCommands>();

    internal IReferralReader Reader => provider.GetRequiredService<IReferralReader>();

    internal OutboxCourier Courier => provider.GetRequiredService<OutboxCourier>();

    public IReferralClock ReferralClock => provider.GetRequiredService<IReferralClock>();

    public StorageAccount Storage => provider.GetRequiredService<StorageAccount>();

    internal StorageRequestCounter Counter => provider.GetRequiredService<StorageRequestCounter>();

    public ReferralDecider Decider => provider.GetRequiredService<ReferralDecider>();

    /// <summary>The outbox sweep: which referrals still have mail to deliver.</summary>
    internal OutboxSweep Outbox => provider.GetRequiredService<OutboxSweep>();

    internal ParkedMessages Parked => provider.GetRequiredService<ParkedMessages>();

    internal IDocumentStore Documents => provider.GetRequiredService<IDocumentStore>();

    internal IAccessLog AccessLog => provider.GetRequiredService<IAccessLog>();

    public IOrchestrationInstances Instances => provider.GetRequiredService<IOrchestrationInstances>();

    internal ReportProjector ReportProjector => provider.GetRequiredService<ReportProjector>();

    public ReportMarkSweep ReportMarkSweep => provider.GetRequiredService<ReportMarkSweep>();

    /// <summary>The mailbox of a role in this runtime's directory (unique per runtime).</summary>
    public string Mailbox(string role) => $"{Prefix}-{role.ToLowerInvariant()}@test.localhost";

    public static TestRuntime Create(
        DevServices services, DateTimeOffset? start = null, Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null) =>
        Build(services, new FakeTimeProvider(start ?? new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero)), engine: false, configure, settings);

    /// <summary>With the real engine (started, so the clocks run), on <paramref name="time"/>
    /// (<see cref="TimeProvider.System"/> unless the test compresses time).</summary>
    public static async Task<TestRuntime> CreateWithEngine(
        DevServices services, TimeProvider? time = null, Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var runtime = Build(services, time ?? TimeProvider.System, engine: true, configure, settings);
        await runtime.Engine.StartAsync(CancellationToken.None);
        return runtime;
    }

    private static TestRuntime Build(
        DevServices services, TimeProvider time, bool engine, Action<IServiceCollection>? configure, IDictionary<string, string?>? settings)
    {
        // settings: overrides of the defaults below; a null value removes the key.
        var prefix = DevServices.NewPrefix();
        var values = Settings(services, prefix);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) values.Remove(key);
            else values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(time);
        configure?.Invoke(collection);
        if (engine)
        {
            collection.AddReferralsApplication(configuration).AddStandaloneEngine(configuration);
            // The test drives the sweep itself; the engine is started by CreateWithEngine.
            collection.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
        }
        else
        {
            // No engine: nothing to wake; SettleAsync does the clocks' work.
            collection.TryAddSingleton<IOrchestrationInstances, DetachedInstances>();
            collection.AddReferralsApplication(configuration);
        }
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new TestRuntime(provider, prefix, time);
    }

    /// <summary>The configuration a host of this runtime gets (also passed to child processes).</summary>
    public static Dictionary<string, string?> Settings(DevServices services, string prefix) => new()
    {
        ["Storage:ConnectionString"] = services.StorageConnectionString,
        ["Storage:NamePrefix"] = prefix,
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = services.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:From"] = "sosiaalinen.kuntoutus@test.localhost",
        ["Mail:PublicBaseUrl"] = "http://127.0.0.1:5080",
        ["Mail:MessageIdDomain"] = "referrals.test",
        ["Signing:LinkSecret"] = "test-only-signing-link-secret-0123456789abcdef",
        // The client records' key-encryption key (base64 of 32 bytes; a test value, never a real key).
        ["ClientRecords:DevelopmentKey"] = "dGVzdC1vbmx5LWNsaWVudC1yZWNvcmRzLWtlay0wMDE=",
        ["Mail:MaxAttempts"] = "3",
        ["Mail:RetryBackoff"] = "00:00:01",
        ["Mail:Recipients:CaseOwner:Any"] = $"{prefix}-caseowner@test.localhost",
        ["Mail:Recipients:ReviewBody:Any"] = $"{prefix}-reviewbody@test.localhost",
        ["Mail:Recipients:Signer:Any"] = $"{prefix}-signer@test.localhost",
        ["Mail:Recipients:DeputySigner:Any"] = $"{prefix}-deputysigner@test.localhost",
        ["Mail:Recipients:ServiceProvider:Any"] = $"{prefix}-serviceprovider@test.localhost",
        // Used only where an engine runs: its own task hub, one partition, quick to notice and to take over.
        ["DurableTask:HubName"] = "h" + prefix,
        ["DurableTask:StorageProvider:PartitionCount"] = "1",
        ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:00.500",
        ["DurableTask:StorageProvider:LeaseInterval"] = "00:00:05",
        ["DurableTask:SweepInterval"] = "00:01:00",
    };

    /// <summary>Validates every options class, as ValidateOnStart does when a host starts.</summary>
    public void ValidateOptions()
    {
        _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<Mail.MailOptions>>().Value;
    }

    /// <summary>Without an engine: what the referral clocks do, step by step — deliver every referral's
    /// outbox, then fire every referral's timers due at the fake now — until nothing is left that is due now.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        for (var round = 0; round < 20; round++)
        {
            var delivered = 0;
            foreach (var referral in await Outbox.PendingReferralsAsync(cancellationToken))
            {
                delivered += (await Courier.DeliverAsync(referral, cancellationToken)).Delivered;
            }
            var fired = 0;
            var snapshots = TableClient.CreateQueryFilter($"RowKey ge {ReferralRows.SnapshotPrefix} and RowKey lt {ReferralRows.SnapshotEnd}");
            await foreach (var row in Storage.Referrals.QueryAsync<TableEntity>(snapshots, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                fired += await ReferralClock.FireDueTimersAsync(row.PartitionKey, Clock.GetUtcNow(), cancellationToken);
            }
            if (delivered == 0 && fired == 0) return;
        }
        throw new InvalidOperationException("The runtime did not settle in 20 rounds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (provider.GetService<DurableTaskEngine>() is { } engine) await engine.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
    }
}

/// <summary>No engine: starting or waking a clock does nothing (the test settles the runtime itself).</summary>
public sealed class DetachedInstances : IOrchestrationInstances
{
    public Task<InstanceSnapshot?> GetAsync(string referralId, CancellationToken cancellationToken = default) => Task.FromResult<InstanceSnapshot?>(null);

    public Task StartAsync(string referralId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RaiseChangedAsync(string referralId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task TerminateAsync(string referralId, string reason, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
