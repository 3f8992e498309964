using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;
using Referrals.Functions.Auth;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>The whole standalone host (storage runtime, clock, courier, API) on a real loopback port,
/// against Azurite and maildev, with its own table prefix and every log line captured.</summary>
public sealed class LiveHost : WebApplicationFactory<Program>
{
    private readonly string storageConnectionString;
    private readonly int smtpPort;
    private readonly int port = DevServices.FreePort();
    private readonly IReadOnlyDictionary<string, string> overrides;
    private readonly Action<IServiceCollection>? configure;

    /// <param name="overrides">Configuration set after the defaults (e.g. a dead SMTP port).</param>
    /// <param name="configure">Services replaced after the host's own (e.g. a compressed clock).</param>
    public LiveHost(DevServices services, IReadOnlyDictionary<string, string>? overrides = null, Action<IServiceCollection>? configure = null)
        : this(services.StorageConnectionString, services.SmtpPort, overrides, configure)
    {
    }

    /// <summary>Against a storage account and SMTP relay of the test's own (e.g. processes it pauses).</summary>
    public LiveHost(string storageConnectionString, int smtpPort, IReadOnlyDictionary<string, string>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        this.storageConnectionString = storageConnectionString;
        this.smtpPort = smtpPort;
        this.overrides = overrides ?? new Dictionary<string, string>();
        this.configure = configure;
        UseKestrel(port);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{port}");
    public CapturedLogs Logs { get; } = new();

    /// <summary>This host's table and container name prefix.</summary>
    public string Prefix { get; } = DevServices.NewPrefix();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
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
        // The tests send far more than a person would; RateLimitTests sets its own limits.
        foreach (var section in new[] { "ApiPerUser", "SigningPerIp", "AnonymousPerIp" })
            builder.UseSetting($"RateLimits:{section}:PermitLimit", "1000000");
        foreach (var (key, value) in overrides) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (configure is not null) builder.ConfigureTestServices(configure);
    }

    /// <summary>Starts Kestrel and returns a client for it.</summary>
    public HttpClient Client(string? token = null)
    {
        StartServer();
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public string Token(string user, Role role, params string[] units)
    {
        StartServer();
        return DevelopmentTokens.Mint(Services.GetRequiredService<IOptions<AuthOptions>>().Value, user, role, units, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
    }

    /// <summary>A token that also carries the person's name and title (the "name" and "title" claims).</summary>
    public string NamedToken(string user, Role role, string name, string title, params string[] units)
    {
        StartServer();
        return DevelopmentTokens.Mint(Services.GetRequiredService<IOptions<AuthOptions>>().Value, user,
            units.Select(u => new Grant(role, u)), TimeSpan.FromHours(1), DateTimeOffset.UtcNow, name, title);
    }
}
