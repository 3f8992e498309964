using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Referrals.Functions.Clock;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Tests.Hosts;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Auth;
using Referrals.Functions.Clients;
using Referrals.Functions.Documents;
using Referrals.Functions.Operations;
using Referrals.Functions.Commands;
using Referrals.Functions.Signing;

namespace Referrals.Functions.Tests.Api;

/// <summary>The standalone host in process over the real command path: the product's reader and commands
/// (the real decider, TableReferralCommands) on Azurite, under a table prefix of this factory's own; the other
/// storage ports replaced by in-memory fakes, the clock fixed, and every log line captured (for the test that
/// no identity code is ever logged). Referrals are given as events (<see cref="Given(IReadOnlyList{ReferralEvent})"/>,
/// the domain tests' histories), each under a fresh id.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>This factory's table and container name prefix.</summary>
    public string Prefix { get; } = DevServices.NewPrefix();
    internal RecordingAccessLog AccessLog { get; } = new();
    internal InMemorySigningGrants Grants { get; } = new();
    internal InMemoryDocuments Documents { get; } = new();
    public FakeTimeProvider Time { get; } = new(TestTime.Now);
    internal Mock<IReferralChangeNotifier> Notifier { get; } = new();
    public CapturedLogs Logs { get; } = new();
    internal Mock<IParkedMail> ParkedMail { get; } = new();
    internal InMemoryClientRecords ClientRecords { get; } = SampleClient.Store();
    internal InMemoryDecisionDownloadGrants Downloads { get; } = new();

    public ApiFactory()
    {
        ParkedMail.Setup(p => p.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        ParkedMail.Setup(p => p.RequeueAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(["out-0000000002-001"]);
    }
    public Action<IServiceCollection>? Extra { get; set; }

    /// <summary>Wraps the real command path (for a test that must force what it cannot easily produce:
    /// a storage failure, a lost race); the real one stays underneath.</summary>
    internal Func<IReferralCommands, IReferralCommands>? DecorateCommands { get; init; }

    /// <summary>The host environment (Development unless a test says otherwise).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Settings over the host's own (e.g. a non-development configuration).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Mail:PublicBaseUrl", "http://localhost");
        builder.UseSetting("Storage:ConnectionString", SharedDevServices.Instance.StorageConnectionString);
        builder.UseSetting("Storage:NamePrefix", Prefix);
        builder.UseSetting("Signing:SignIn:Authority", Infrastructure.LocalOidc.Url);
        foreach (var (key, value) in TestHosts.Settings()) builder.UseSetting(key, value);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            // No engine and no sweeps: these tests never wait for a timer or a mail.
            TestHosts.RemoveBackgroundWork(services);
            if (DecorateCommands is { } decorate)
            {
                services.RemoveAll<IReferralCommands>();
                services.AddSingleton<TableReferralCommands>();
                services.AddSingleton(sp => decorate(sp.GetRequiredService<TableReferralCommands>()));
            }
            services.RemoveAll<IAccessLog>();
            services.AddSingleton<IAccessLog>(AccessLog);
            services.RemoveAll<ISigningGrants>();
            services.AddSingleton<ISigningGrants>(Grants);
            services.RemoveAll<IDocumentStore>();
            services.AddSingleton<IDocumentStore>(Documents);
            services.RemoveAll<global::Referrals.Functions.Reports.IReportModel>();
            services.AddSingleton<global::Referrals.Functions.Reports.IReportModel>(new Reports.FixedReportModel());
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.RemoveAll<IReferralChangeNotifier>();
            services.AddSingleton(Notifier.Object);
            services.RemoveAll<IReachabilityProbe>();
            services.AddSingleton<IReachabilityProbe>(new FixedProbe("storage", true));
            services.AddSingleton<IReachabilityProbe>(new FixedProbe("smtp", true));
            services.RemoveAll<IParkedMail>();
            services.AddSingleton(ParkedMail.Object);
            services.RemoveAll<IClientRecords>();
            services.AddSingleton<IClientRecords>(ClientRecords);
            services.RemoveAll<IDecisionDownloadGrants>();
            services.AddSingleton<IDecisionDownloadGrants>(Downloads);
            Extra?.Invoke(services);
        });
    }

    /// <summary>The real command path's reader (what the tests read back: states and the events appended).</summary>
    internal IReferralReader Reader => Services.GetRequiredService<IReferralReader>();

    /// <summary>A fresh referral with this history (written as a commit leaves it); its id.</summary>
    public string Given(IReadOnlyList<ReferralEvent> events)
    {
        var id = GivenReferrals.NewId();
        Given(id, events);
        return id;
    }

    /// <summary>Referral <paramref name="id"/> (not yet written) with this history.</summary>
    public void Given(string id, IReadOnlyList<ReferralEvent> events) =>
        GivenReferrals.WriteAsync(Services, id, events).GetAwaiter().GetResult();

    /// <summary>The referral's state as the reader reads it.</summary>
    public ReferralState State(string id) =>
        Reader.GetAsync(id).GetAwaiter().GetResult() ?? throw new InvalidOperationException($"No referral {id}.");

    /// <summary>The events recorded for the referral (all of them, oldest first).</summary>
    public IReadOnlyList<ReferralEvent> Events(string id) =>
        [.. Reader.TimelineAsync(id).GetAwaiter().GetResult().Select(e => e.Event)];

    /// <summary>A client with a token for this actor (user, role and unit).</summary>
    public HttpClient ClientAs(Actor actor) => ClientWith(Token(actor.UserId, actor.Role, actor.Unit));

    public string Token(Role role, params string[] units) => Token("u-" + role, role, units);

    public string Token(string user, Role role, params string[] units) =>
        DevelopmentTokens.Mint(Services.GetRequiredService<IOptions<AuthOptions>>().Value, user, role, units, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>A token with grants given as (role, unit) pairs.</summary>
    public string Token(string user, (string Role, string Unit)[] grants) =>
        DevelopmentTokens.Mint(Services.GetRequiredService<IOptions<AuthOptions>>().Value, user,
            grants.Select(g => new Grant(Enum.Parse<Role>(g.Role), g.Unit)), TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    public HttpClient ClientAs(Role role, params string[] units) => ClientWith(Token(role, units));

    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
