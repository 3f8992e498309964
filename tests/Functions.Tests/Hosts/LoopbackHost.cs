using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Auth;
using Referrals.Functions.Clock;
using Referrals.Functions.Commands;
using Referrals.Functions.Documents;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Hosts;

/// <summary>A real server on loopback: the whole standalone host (storage, clock, courier, API) on Kestrel on a
/// free port, against Azurite and maildev, with its own table prefix and task hub and every log line captured.
/// The one host for what needs a socket: the browser, end-to-end walks, the OIDC sign-in, mail through maildev,
/// raw protocol errors. With <see cref="Clock"/> off, nothing runs behind the requests (no engine, no sweeps, a
/// change signal goes nowhere), so a test may give referrals as histories and move <see cref="Time"/>.</summary>
public sealed class LoopbackHost : WebApplicationFactory<Program>
{
    private readonly string storageConnectionString;
    private readonly int smtpPort;
    private readonly int port = DevServices.FreePort();
    private readonly IReadOnlyDictionary<string, string> overrides;
    private readonly Action<IServiceCollection>? configure;

    /// <param name="overrides">Configuration set after the defaults (e.g. a dead SMTP port).</param>
    /// <param name="configure">Services replaced after the host's own (e.g. a compressed clock).</param>
    public LoopbackHost(DevServices services, IReadOnlyDictionary<string, string>? overrides = null, Action<IServiceCollection>? configure = null)
        : this(services.StorageConnectionString, services.SmtpPort, overrides, configure)
    {
    }

    /// <summary>Against a storage account and SMTP relay of the test's own (e.g. processes it pauses).</summary>
    public LoopbackHost(string storageConnectionString, int smtpPort, IReadOnlyDictionary<string, string>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        this.storageConnectionString = storageConnectionString;
        this.smtpPort = smtpPort;
        this.overrides = overrides ?? new Dictionary<string, string>();
        this.configure = configure;
        UseKestrel(port);
    }

    /// <summary>Whether the referral clocks run (the engine and the sweeps); on unless the test says otherwise.</summary>
    public bool Clock { get; init; } = true;

    /// <summary>The application's time when the test moves it (only without <see cref="Clock"/>: the engine's
    /// durable timers run on the wall clock); the system's otherwise.</summary>
    public TimeProvider? Time { get; init; }

    public Uri BaseAddress => new($"http://127.0.0.1:{port}");
    public CapturedLogs Logs { get; } = new();

    /// <summary>This host's table and container name prefix.</summary>
    public string Prefix { get; } = DevServices.NewPrefix();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Time is not null && Clock)
            throw new InvalidOperationException("A moved time needs the clock off: the engine's timers run on the wall clock.");
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:ConnectionString", storageConnectionString);
        builder.UseSetting("Storage:NamePrefix", Prefix);
        builder.UseSetting("DataProtection:UseStorage", "true");
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:PublicBaseUrl", BaseAddress.ToString());
        builder.UseSetting("Mail:RetryBackoff", "00:00:01");
        builder.UseSetting("Signing:SignIn:Authority", LocalOidc.Url);
        // Its own task hub: hosts on one hub share their clocks, and these hosts have tables of their own.
        builder.UseSetting("DurableTask:HubName", "h" + Prefix);
        builder.UseSetting("DurableTask:StorageProvider:PartitionCount", "1");
        builder.UseSetting("DurableTask:StorageProvider:MaxQueuePollingInterval", "00:00:00.500");
        // Everything at the most verbose level, so the search for identity codes sees every line.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Azure", "Trace");
        foreach (var (key, value) in TestHosts.Settings()) builder.UseSetting(key, value);
        foreach (var (key, value) in overrides) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            if (!Clock)
            {
                TestHosts.RemoveBackgroundWork(services);
                services.RemoveAll<IReferralChangeNotifier>();
                services.AddSingleton<IReferralChangeNotifier, NoClock>();
            }
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Time);
            }
            configure?.Invoke(services);
        });
    }

    /// <summary>The host's services, the server started first (as a test that reads before it sends expects).</summary>
    private IServiceProvider Started
    {
        get
        {
            StartServer();
            return Services;
        }
    }

    internal IReferralCommands Commands => Started.GetRequiredService<IReferralCommands>();

    internal IReferralReader Reader => Started.GetRequiredService<IReferralReader>();

    internal IAccessLog AccessLog => Started.GetRequiredService<IAccessLog>();

    internal IDocumentStore Documents => Started.GetRequiredService<IDocumentStore>();

    public StorageAccount Storage => Started.GetRequiredService<StorageAccount>();

    internal StorageRequestCounter Counter => Started.GetRequiredService<StorageRequestCounter>();

    /// <summary>A fresh referral with this history (written as a commit leaves it); its id.</summary>
    public async Task<string> GivenAsync(IReadOnlyList<ReferralEvent> events)
    {
        var id = GivenReferrals.NewId();
        await GivenReferrals.WriteAsync(Started, id, events);
        return id;
    }

    /// <summary>The events recorded for the referral (all of them, oldest first).</summary>
    public async Task<IReadOnlyList<ReferralEvent>> EventsAsync(string id) =>
        [.. (await Reader.TimelineAsync(id)).Select(e => e.Event)];

    /// <summary>The referral's access log (the first 50 rows, oldest first).</summary>
    internal async Task<IReadOnlyList<AccessRecord>> AccessRecordsAsync(string id) =>
        (await AccessLog.ForReferralAsync(id, null, 50))?.Items ?? [];

    /// <summary>Starts Kestrel (once); its address.</summary>
    public Uri Start()
    {
        StartServer();
        return BaseAddress;
    }

    /// <summary>Starts Kestrel and returns a client for it.</summary>
    public HttpClient Client(string? token = null)
    {
        Start();
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public string Token(string user, Role role, params string[] units) =>
        DevelopmentTokens.Mint(Started.GetRequiredService<IOptions<AuthOptions>>().Value, user, role, units, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>A token that also carries the person's name and title (the "name" and "title" claims).</summary>
    public string NamedToken(string user, Role role, string name, string title, params string[] units) =>
        DevelopmentTokens.Mint(Started.GetRequiredService<IOptions<AuthOptions>>().Value, user,
            units.Select(u => new Grant(role, u)), TimeSpan.FromHours(1), DateTimeOffset.UtcNow, name, title);

    private sealed class NoClock : IReferralChangeNotifier
    {
        public Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
