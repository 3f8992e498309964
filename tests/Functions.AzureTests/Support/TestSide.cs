using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Api;
using Referrals.Functions.Auth;
using Referrals.Functions.Documents;
using Referrals.Functions.Health;
using Referrals.Functions.Operations;
using Referrals.Functions.Referrals;
using Referrals.Functions.Signing;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.AzureHost;

namespace Referrals.Functions.AzureTests.Support;

/// <summary>One side of a comparison: the API's services (AddReferralsApi, the registrations both hosts
/// share) over fresh in-memory ports, seeded alike. <see cref="StandaloneAsync"/> also maps the standalone
/// host's routes (MapReferralsApi, as src/Functions/Standalone/Program.cs does) on a test server;
/// <see cref="ForTriggers"/> adds what the Functions ASP.NET Core integration adds (MVC's action result
/// executors) for invoking the triggers directly.</summary>
public sealed class TestSide : IAsyncDisposable
{
    public const string Own = "r-own";

    /// <summary>A referral its review body holds (review body members see a referral only then).</summary>
    public const string InReview = "r-review";
    /// <summary>A referral with a signed decision, which the download link opens.</summary>
    public const string SignedReferral = "r-signed";
    public const string AttachmentId = "a-1";
    /// <summary>A referral in service, assigned to the provider unit <see cref="ProviderUnit"/> (its provider reaches only it).</summary>
    public const string Provided = "r-provided";
    public const string ProviderUnit = "prov-a";

    /// <summary>A signing token (43 characters of base64url, as minted) with a grant for <see cref="Own"/>.</summary>
    public const string SigningToken = "sGnT0k3n-AbCdEfGhIjKlMnOpQrStUvWxYz01234567";

    /// <summary>App Service Authentication's X-MS-CLIENT-PRINCIPAL for a signer of unit-a.</summary>
    public static readonly string SignerPrincipal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        """{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"oid-signer-a"},{"typ":"name","val":"Testi Allekirjoittaja"},{"typ":"title","val":"Johtava sosiaalityöntekijä"},{"typ":"roles","val":"Signer.unit-a"}]}"""));

    public FakeReferrals Referrals { get; } = new();
    public global::Referrals.Functions.Clients.InMemoryDecisionDownloadGrants Downloads { get; } = new();
    public const string DownloadToken = "dddddddddddddddddddddddddddddddddddddddddd0";
    public global::Referrals.Functions.Clients.InMemoryClientRecords ClientRecords { get; } = global::Referrals.Functions.Tests.Api.SampleClient.Store();

    /// <summary>Every log message the host writes, formatted.</summary>
    public LogLines Logs { get; } = new();
    public RecordingAccessLog AccessLog { get; } = new();
    public InMemorySigningGrants Grants { get; } = new();
    public InMemoryDocuments Documents { get; } = new();
    public FakeTimeProvider Time { get; } = new(FakeReferrals.Now);
    public Mock<IParkedMail> ParkedMail { get; } = new();

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    private TestSide(bool triggers)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = RepositoryFiles.Path("src/Functions"),
        });
        builder.Configuration["Mail:PublicBaseUrl"] = "http://localhost";
        foreach (var section in new[] { "ApiPerUser", "SigningPerIp", "AnonymousPerIp" })
            builder.Configuration[$"RateLimits:{section}:PermitLimit"] = "1000000";
        // The Azure path of the signing page's sign-in (App Service Authentication), in both hosts alike.
        builder.Configuration["Signing:SignIn:Mode"] = "AppServiceAuthentication";
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        if (!triggers) builder.WebHost.UseTestServer();

        var services = builder.Services;
        // Ports first: the shared registrations TryAdd theirs.
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IReferralReader>(Referrals);
        services.AddSingleton<IReferralCommands>(Referrals);
        services.AddSingleton<IAccessLog>(AccessLog);
        services.AddSingleton<ISigningGrants>(Grants);
        services.AddSingleton<IDocumentStore>(Documents);
        services.AddSingleton<global::Referrals.Functions.Clients.IClientRecords>(ClientRecords);
        services.AddSingleton<global::Referrals.Functions.Clients.IDecisionDownloadGrants>(Downloads);
        services.AddSingleton<global::Referrals.Functions.Reports.IReportModel>(new global::Referrals.Functions.Tests.Reports.FixedReportModel());
        ParkedMail.Setup(p => p.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        ParkedMail.Setup(p => p.RequeueAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(["out-0000000002-001"]);
        services.AddSingleton(ParkedMail.Object);
        services.AddReferralsApi(builder.Configuration, builder.Environment);
        // The process configuration in force (the embedded one), as AddReferralsApplication registers it in both hosts.
        global::Referrals.Functions.Hosting.ProcessConfigurationRegistration.AddProcessConfiguration(services, builder.Configuration);
        services.RemoveAll<IReachabilityProbe>();
        services.AddSingleton<IReachabilityProbe>(new FixedProbe("storage", true));
        services.AddSingleton<IReachabilityProbe>(new FixedProbe("smtp", true));
        if (triggers) services.AddMvcCore();

        App = builder.Build();
        if (!triggers) App.MapReferralsApi();
        Seed();
    }

    public static async Task<TestSide> StandaloneAsync()
    {
        var side = new TestSide(triggers: false);
        await side.App.StartAsync();
        return side;
    }

    public static TestSide ForTriggers() => new(triggers: true);

    public HttpClient Client() => App.GetTestClient();

    public string Token(Role role, params string[] units) =>
        DevelopmentTokens.Mint(Services.GetRequiredService<IOptions<AuthOptions>>().Value, "u-" + role, role, units,
            TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    private void Seed()
    {
        Referrals.Seed(Own, "unit-a", "body-a", ReferralStatus.AwaitingSignature, draftVersion: 1);
        Referrals.Seed(InReview, "unit-a", "body-a", ReferralStatus.AwaitingReview);
        Referrals.States[Provided] = Referrals.Seed(Provided, "unit-a", "body-a", ReferralStatus.ServiceActive, draftVersion: 1) with { ProviderUnit = ProviderUnit };
        Documents.Attachments[$"{Own}/{AttachmentId}"] =
            (new(AttachmentId, "x.pdf", "application/pdf", 3, "00", FakeReferrals.Now) { Scan = AttachmentScan.Clean }, "%PD"u8.ToArray());
        var signed = Referrals.Seed(SignedReferral, "unit-a", "body-a", ReferralStatus.AwaitingServiceStart, draftVersion: 1);
        Referrals.States[SignedReferral] = signed with
        {
            Decision = new SignedDecision(1, signed.Draft!, "hash", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9), "leader-1"),
        };
        Downloads.Grants[SigningTokens.HashOf(DownloadToken)] = new global::Referrals.Functions.Clients.DecisionDownloadGrant(
            SigningTokens.HashOf(DownloadToken), SignedReferral, 1, FakeReferrals.Now.AddDays(14), 0, null);
        Grants.Grants[SigningTokens.HashOf(SigningToken)] =
            new SigningGrant(SigningTokens.HashOf(SigningToken), Own, 1, "unit-a", FakeReferrals.Now.AddDays(14), null);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class LogLines : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
