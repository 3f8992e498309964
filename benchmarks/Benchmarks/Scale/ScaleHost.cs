using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Clock;
using Referrals.Functions.Reports;
using Referrals.Functions.Storage;

namespace Referrals.Benchmarks.Scale;

/// <summary>The standalone host's API and command path (the same registrations as src/Functions/Hosting/Program.Standalone.cs)
/// on a loopback port, with its own table prefix, configured from src/Functions/appsettings*.json. The clock
/// and courier run only with <c>background</c>: without them the figures are the request path's own.</summary>
public sealed class ScaleHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ScaleHost(WebApplication app, string prefix)
    {
        this.app = app;
        Prefix = prefix;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
    }

    public string Prefix { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => app.Services;

    public StorageAccount Storage => app.Services.GetRequiredService<StorageAccount>();

    internal StorageRequestCounter Counter => app.Services.GetRequiredService<StorageRequestCounter>();

    public static async Task<ScaleHost> StartAsync(string storage, int smtpPort, string prefix, bool background, int partitions = 1)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = Path.Combine(RepositoryRoot(), "src", "Functions"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Storage:NamePrefix"] = prefix,
            ["Mail:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            // A benchmark sends far more than a person would: the per-user and per-address limits out of the way.
            ["RateLimits:ApiPerUser:PermitLimit"] = "1000000",
            ["RateLimits:SigningPerIp:PermitLimit"] = "1000000",
            ["RateLimits:AnonymousPerIp:PermitLimit"] = "1000000",
            ["DurableTask:HubName"] = "h" + prefix,
            ["DurableTask:StorageProvider:PartitionCount"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:01",
        });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReferralsApi(builder.Configuration, builder.Environment);
        builder.Services.AddReferralsApplication(builder.Configuration);
        // --background: the referral clocks run (the Durable Task engine in-process); otherwise nothing wakes.
        if (background) builder.Services.AddStandaloneEngine(builder.Configuration);
        else
        {
            builder.Services.AddSingleton<Referrals.Functions.Clock.IReferralChangeNotifier, NoClock>();
            builder.Services.AddSingleton<Referrals.Functions.Clock.IOrchestrationInstances, NoInstances>();
        }
        var app = builder.Build();
        app.MapReferralsApi();
        await app.StartAsync();
        await app.Services.GetRequiredService<StorageAccount>().EnsureCreatedAsync();
        return new ScaleHost(app, prefix);
    }

    public string Token(string user, Role role, string unit) =>
        DevelopmentTokens.Mint(app.Services.GetRequiredService<IOptions<AuthOptions>>().Value, user, role, [unit], TimeSpan.FromHours(4), DateTimeOffset.UtcNow);

    public int StorageRequests => Counter.Totals.Values.Sum();

    /// <summary>Drops this run's tables, so Azurite (in memory) gives the rows back before the next size.</summary>
    public async Task DeleteTablesAsync()
    {
        foreach (var table in new[] { Storage.Referrals, Storage.Index, Storage.AccessLog, Storage.Parked })
            await table.DeleteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository (Functions.sln not found above " + AppContext.BaseDirectory + ").");
    }

    private sealed class NoClock : Referrals.Functions.Clock.IReferralChangeNotifier
    {
        public Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>No engine: the sweep's and notifier's instances are never there (the host validates its services on build).</summary>
    private sealed class NoInstances : Referrals.Functions.Clock.IOrchestrationInstances
    {
        public Task<Referrals.Functions.Clock.InstanceSnapshot?> GetAsync(string referralId, CancellationToken cancellationToken = default) =>
            Task.FromResult<Referrals.Functions.Clock.InstanceSnapshot?>(null);

        public Task StartAsync(string referralId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task RaiseChangedAsync(string referralId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task TerminateAsync(string referralId, string reason, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
