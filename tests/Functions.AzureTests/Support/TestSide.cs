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
using Referrals.Domain.Tests.Support;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Documents;
using Referrals.Functions.Operations;
using Referrals.Functions.Clock;
using Referrals.Functions.Commands;
using Referrals.Functions.Signing;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.AzureHost;
using Referrals.Functions.Tests.Hosts;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.AzureTests.Support;

/// <summary>One side of a comparison: the API's services (AddReferralsApi, and AddReferralsApplication's
/// real command path: the reader, TableReferralCommands and the decider on Azurite, under a table prefix of
/// this side's own) with the other ports in memory, seeded alike: each referral a known history (the domain
/// tests' <see cref="History"/>) in the state its route's command needs. <see cref="StandaloneAsync"/> also maps the standalone
/// host's routes (MapReferralsApi, as src/Functions/Hosting/Program.Standalone.cs does) on a test server;
/// <see cref="ForTriggers"/> adds what the Functions ASP.NET Core integration adds (MVC's action result
/// executors) for invoking the triggers directly, and <see cref="ServeOnLoopbackAsync"/> serves them on a real socket for the
/// browser. The one way this project stands the application up (it cannot share Functions.Tests' hosts: the Azure
/// build's Program is the Functions worker's, so WebApplicationFactory has nothing to start).</summary>
public sealed class TestSide : IAsyncDisposable
{
    /// <summary>A referral awaiting the signature of <see cref="Unit"/>'s signer (the reads, the signing page, attachments).</summary>
    public const string Own = "r-own";

    /// <summary>A referral its review body holds (review body members see a referral only then).</summary>
    public const string InReview = "r-review";
    /// <summary>A referral with a signed decision, sent to the client, the service not yet started (the download link opens it).</summary>
    public const string SignedReferral = "r-signed";
    public const string AttachmentId = "a-1";
    /// <summary>A referral in service, assigned to the provider unit <see cref="ProviderUnit"/> (its provider reaches only it).</summary>
    public const string Provided = "r-provided";
    /// <summary>Awaiting the information its review body asked for.</summary>
    public const string Informing = "r-informing";
    /// <summary>Approved, the granting decision to be drafted.</summary>
    public const string Drafting = "r-drafting";
    /// <summary>Signed, not yet sent to the client.</summary>
    public const string Unnotified = "r-unnotified";
    /// <summary>Signed and sent, a request for review received.</summary>
    public const string Requested = "r-requested";
    /// <summary>Espoo: submitted, the joint assessment to be recorded.</summary>
    public const string Espoo = "r-espoo";
    /// <summary>Helsinki: submitted, the service to be written into the client plan.</summary>
    public const string Helsinki = "r-helsinki";

    public const string Unit = Actors.Unit;
    public const string ReviewBody = Process.SteeringGroup;
    public const string ProviderUnit = Actors.ProviderUnit;

    /// <summary>The histories given, by referral id.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<ReferralEvent>> Histories = new Dictionary<string, IReadOnlyList<ReferralEvent>>
    {
        [Own] = History.AwaitingSignature.ForClient(SampleClient.Id),
        [InReview] = History.AwaitingReview.ForClient(SampleClient.Id),
        [SignedReferral] = History.AwaitingServiceStart.ForClient(SampleClient.Id),
        [Provided] = History.ServiceActive.ForClient(SampleClient.Id),
        [Informing] = History.AwaitingInformation.ForClient(SampleClient.Id),
        [Drafting] = History.AwaitingGrantingDraft.ForClient(SampleClient.Id),
        [Unnotified] = History.SignedNotNotified.ForClient(SampleClient.Id),
        [Requested] =
        [
            .. History.AwaitingServiceStart.ForClient(SampleClient.Id),
            History.Stamp(new RequestForReviewReceived(new DateOnly(2026, 2, 20), RequestForReviewBy.Client, InTime: true), 18, Actors.Worker),
        ],
        [Espoo] = [History.Submitted(Process.Espoo, "")],
        [Helsinki] = History.HelsinkiSubmitted,
    };

    /// <summary>This side's table and container name prefix.</summary>
    public string Prefix { get; } = DevServices.NewPrefix();

    /// <summary>A signing token (43 characters of base64url, as minted) with a grant for <see cref="Own"/>.</summary>
    public const string SigningToken = "sGnT0k3n-AbCdEfGhIjKlMnOpQrStUvWxYz01234567";

    /// <summary>App Service Authentication's X-MS-CLIENT-PRINCIPAL for a signer of <see cref="Unit"/>.</summary>
    public static readonly string SignerPrincipal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        """{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"oid-signer-a"},{"typ":"name","val":"Testi Allekirjoittaja"},{"typ":"title","val":"Johtava sosiaalityöntekijä"},{"typ":"roles","val":"Signer.vantaa-adult-social-work"}]}"""));

    internal global::Referrals.Functions.Clients.InMemoryDecisionDownloadGrants Downloads { get; } = new();
    public const string DownloadToken = "dddddddddddddddddddddddddddddddddddddddddd0";
    internal global::Referrals.Functions.Clients.InMemoryClientRecords ClientRecords { get; } = global::Referrals.Functions.Tests.Api.SampleClient.Store();

    /// <summary>Every log message the host writes, formatted.</summary>
    public CapturedLogs Logs { get; } = new();
    internal RecordingAccessLog AccessLog { get; } = new();
    internal InMemorySigningGrants Grants { get; } = new();
    internal InMemoryDocuments Documents { get; } = new();
    public FakeTimeProvider Time { get; } = new(TestTime.Now);
    internal Mock<IParkedMail> ParkedMail { get; } = new();

    public WebApplication App { get; }

    /// <summary>The standalone side's durable client (the Azure side's is the invocation's).</summary>
    public Mock<Microsoft.DurableTask.Client.DurableTaskClient> StandaloneClient { get; } = Triggers.DurableClient();

    public IServiceProvider Services => App.Services;

    /// <summary>The real command path's reader (what the comparison reads back).</summary>
    internal IReferralReader Reader => Services.GetRequiredService<IReferralReader>();

    public global::Referrals.Functions.Storage.StorageAccount Storage => Services.GetRequiredService<global::Referrals.Functions.Storage.StorageAccount>();

    private readonly bool triggers;
    private WebApplication? loopback;

    private TestSide(bool triggers)
    {
        this.triggers = triggers;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = RepositoryFiles.Path("src/Functions"),
        });
        builder.Configuration["Mail:PublicBaseUrl"] = "http://localhost";
        builder.Configuration["Storage:ConnectionString"] = SharedDevServices.Instance.StorageConnectionString;
        builder.Configuration["Storage:NamePrefix"] = Prefix;
        foreach (var (key, value) in TestHosts.Settings()) builder.Configuration[key] = value;
        // The Azure path of the signing page's sign-in (App Service Authentication), in both hosts alike.
        builder.Configuration["Signing:SignIn:Mode"] = "AppServiceAuthentication";
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        if (!triggers) builder.WebHost.UseTestServer();

        var services = builder.Services;
        // Ports first: the shared registrations TryAdd theirs.
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IAccessLog>(AccessLog);
        services.AddSingleton<ISigningGrants>(Grants);
        services.AddSingleton<IDocumentStore>(Documents);
        services.AddSingleton<global::Referrals.Functions.Clients.IClientRecords>(ClientRecords);
        services.AddSingleton<global::Referrals.Functions.Clients.IDecisionDownloadGrants>(Downloads);
        services.AddSingleton<global::Referrals.Functions.Reports.IReportModel>(new global::Referrals.Functions.Tests.Reports.FixedReportModel());
        ParkedMail.Setup(p => p.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        ParkedMail.Setup(p => p.RequeueAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(["out-0000000002-001"]);
        services.AddSingleton(ParkedMail.Object);
        // The clocks' side: the Azure build's, through the invocation's durable client (as src/Functions/Hosting/Program.Azure.cs
        // wires it); the standalone side runs no engine, and its signals go to a durable client of its own (a loose mock).
        services.AddSingleton<IOrchestrationInstances>(triggers
            ? new DurableTaskClientInstances(() => global::Referrals.Functions.Clock.DurableClientScope.Current
                ?? throw new InvalidOperationException("No durable client in this invocation."))
            : new DurableTaskClientInstances(() => StandaloneClient.Object));
        services.AddReferralsApi(builder.Configuration, builder.Environment);
        // The rest as both hosts register it: storage, the command path, the process configuration in force.
        global::Referrals.Functions.Hosting.ReferralsRegistration.AddReferralsApplication(services, builder.Configuration);
        // Nothing runs behind the requests (no sweep, no engine).
        TestHosts.RemoveBackgroundWork(services);
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
        // Each referral its own partition and transaction: written side by side.
        Task.WhenAll(Histories.Select(h => GivenReferrals.WriteAsync(Services, h.Key, h.Value))).GetAwaiter().GetResult();
        Documents.Attachments[$"{Own}/{AttachmentId}"] =
            (new(AttachmentId, "x.pdf", "application/pdf", 3, "00", TestTime.Now) { Scan = AttachmentScan.Clean }, "%PD"u8.ToArray());
        Downloads.Grants[SigningTokens.HashOf(DownloadToken)] = new global::Referrals.Functions.Clients.DecisionDownloadGrant(
            SigningTokens.HashOf(DownloadToken), SignedReferral, 1, TestTime.Now.AddDays(14), 0, null);
        Grants.Grants[SigningTokens.HashOf(SigningToken)] =
            new SigningGrant(SigningTokens.HashOf(SigningToken), Own, 1, Unit, TestTime.Now.AddDays(14), null);
    }

    /// <summary>The events appended to each given referral (and to any referral made since), by id, as JSON.</summary>
    public async Task<IReadOnlyList<string>> AppendedAsync()
    {
        var appended = new List<string>();
        await foreach (var row in Storage.Referrals.QueryAsync<Azure.Data.Tables.TableEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey ge {ReferralRows.SnapshotPrefix} and RowKey lt {ReferralRows.SnapshotEnd}"), select: ["PartitionKey"]))
        {
            var given = Histories.TryGetValue(row.PartitionKey, out var events) ? events.Count : 0;
            foreach (var recorded in (await Reader.TimelineAsync(row.PartitionKey)).Where(e => e.Version > given))
                appended.Add($"{row.PartitionKey} {recorded.Version} {System.Text.Json.JsonSerializer.Serialize(recorded.Event)}");
        }
        return appended;
    }

    /// <summary>Whether the command path kept this Idempotency-Key on the referral (its first answer, for a retry).</summary>
    public async Task<bool> KeptKeyAsync(string referralId, string key)
    {
        return (await Storage.Referrals.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(referralId, ReferralRows.CommandKey(key))).HasValue;
    }

    /// <summary>Serves these triggers on a loopback Kestrel server (for the browser): each request goes to the trigger
    /// whose route and method it matches, invoked as the Functions worker invokes it; the server's address.</summary>
    public async Task<Uri> ServeOnLoopbackAsync(IReadOnlyList<string> functions)
    {
        if (!triggers || loopback is not null) throw new InvalidOperationException("Only a trigger side serves, and once.");
        var address = new Uri($"http://127.0.0.1:{DevServices.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls(address.ToString());
        loopback = builder.Build();
        loopback.Run(async context =>
        {
            var function = functions.Select(Triggers.Named).FirstOrDefault(f =>
                f.Methods.Contains(context.Request.Method) && "/" + f.Route == context.Request.Path.Value);
            if (function is null)
            {
                context.Response.StatusCode = 404;
                return;
            }
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
            var answer = await Triggers.InvokeAsync(function, Services,
                new TestRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, null, null),
                Triggers.DurableClient().Object);
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers) context.Response.Headers[name] = value;
            await context.Response.Body.WriteAsync(answer.Body);
        });
        await loopback.StartAsync();
        return address;
    }

    public async ValueTask DisposeAsync()
    {
        if (loopback is not null) await loopback.DisposeAsync();
        await App.DisposeAsync();
    }
}
