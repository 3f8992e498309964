using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Referrals.Functions.Clock;
using Referrals.Functions.Hosting;
using Referrals.Functions.Outbox;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>The application as both hosts wire it (<see cref="ReferralsRegistration.AddReferralsApplication"/>),
/// against the shared Azurite and maildev, with its own table and container names and its own mailboxes,
/// and a <see cref="FakeTimeProvider"/> so the test moves time.</summary>
public sealed class TestRuntime : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private TestRuntime(ServiceProvider provider, string prefix, FakeTimeProvider time)
    {
        this.provider = provider;
        Prefix = prefix;
        Time = time;
    }

    public string Prefix { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => provider;

    public IReferralCommands Commands => provider.GetRequiredService<IReferralCommands>();

    public IReferralReader Reader => provider.GetRequiredService<IReferralReader>();

    public OutboxCourier Courier => provider.GetRequiredService<OutboxCourier>();

    public TimerDispatcher Dispatcher => provider.GetRequiredService<TimerDispatcher>();

    public StorageAccount Storage => provider.GetRequiredService<StorageAccount>();

    public StorageRequestCounter Counter => provider.GetRequiredService<StorageRequestCounter>();

    /// <summary>The mailbox of a role in this runtime's directory (unique per runtime).</summary>
    public string Mailbox(string role) => $"{Prefix}-{role.ToLowerInvariant()}@test.localhost";

    public static TestRuntime Create(
        DevServices services, DateTimeOffset? start = null, Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        // settings: overrides of the defaults below; a null value removes the key.
        var prefix = DevServices.NewPrefix();
        var time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero));
        var values = Settings(services, prefix);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) values.Remove(key);
            else values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<TimeProvider>(time);
        configure?.Invoke(collection);
        collection.AddReferralsApplication(configuration);
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
        ["Mail:MaxAttempts"] = "3",
        ["Mail:RetryBackoff"] = "00:00:01",
        ["Mail:Recipients:CaseOwner:Any"] = $"{prefix}-caseowner@test.localhost",
        ["Mail:Recipients:ReviewBody:Any"] = $"{prefix}-reviewbody@test.localhost",
        ["Mail:Recipients:Signer:Any"] = $"{prefix}-signer@test.localhost",
        ["Mail:Recipients:DeputySigner:Any"] = $"{prefix}-deputysigner@test.localhost",
    };

    /// <summary>Validates every options class, as ValidateOnStart does when a host starts.</summary>
    public void ValidateOptions()
    {
        _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<Mail.MailOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ClockOptions>>().Value;
    }

    /// <summary>Runs the courier over every referral with outbox rows, then fires due timers, until
    /// nothing is left that is due now (what the hosted services do, step by step).</summary>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        var sweep = provider.GetRequiredService<OutboxSweep>();
        for (var round = 0; round < 20; round++)
        {
            var delivered = 0;
            foreach (var referral in await sweep.PendingReferralsAsync(cancellationToken))
            {
                delivered += (await Courier.DeliverPendingAsync(referral, cancellationToken)).Delivered;
            }
            var fired = await Dispatcher.FireDueAsync(cancellationToken);
            if (delivered == 0 && fired == 0) return;
        }
        throw new InvalidOperationException("The runtime did not settle in 20 rounds.");
    }

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
