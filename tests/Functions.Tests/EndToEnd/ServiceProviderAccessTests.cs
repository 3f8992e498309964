using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Clock;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>On Azurite through the real API: the service provider (palveluntuottaja) reaches only the referrals whose
/// service was started with its unit as the provider unit. There it reads a limited view (no client data) that is
/// access-logged, and records its rehabilitation plan and provider reports; every other referral, and one whose service
/// has not started, is 404 to it. The given histories are History's (service started 2 March 2026, assigned to
/// <see cref="Actors.ProviderUnit"/>), written as a commit leaves them.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ServiceProviderAccessTests(DevServices devServices) : IDisposable
{
    private readonly LoopbackHost host = new(devServices, configure: services =>
    {
        // Nothing runs behind the requests: no clock, no sweep.
        services.RemoveAll<IHostedService>();
        services.RemoveAll<IReferralChangeNotifier>();
        services.AddSingleton<IReferralChangeNotifier, NoClock>();
    });

    public void Dispose() => host.Dispose();

    private static readonly ReferralEvent[] AssignedToOtherProvider =
    [
        .. History.AwaitingServiceStart,
        History.Stamp(new ServiceStarted(History.ServiceStart, "Vantaan sosiaalisen kuntoutuksen palvelut")
            { ProviderUnit = Actors.OwnProviderUnit, ProviderKind = ProviderKind.Own }, 28, Actors.Worker),
    ];

    /// <summary>Exactly what the provider's view holds: nothing about the client, the assessment, the review or the case owner.</summary>
    private static readonly string[] ProviderViewFields =
    [
        "id", "version", "status", "providerUnit", "providerKind", "serviceTypeCode", "form", "content", "extent",
        "serviceStartedOn", "decidedEnd", "untilFurtherNotice", "rehabilitationPlanOn", "providerReports", "closedOn",
    ];

    [Fact]
    public async Task The_assigned_provider_reads_its_limited_view_and_records_its_plan_and_report()
    {
        var id = await GivenAsync(History.ServiceActive);
        var provider = host.Client(host.Token(Actors.Provider.UserId, Role.ServiceProvider, Actors.ProviderUnit));

        var read = await provider.GetAsync($"/api/referrals/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var text = await read.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal(ProviderViewFields.Order(), view.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(view.TryGetProperty("clientId", out _));
        Assert.False(view.TryGetProperty("personalIdentityCode", out _));
        Assert.DoesNotContain("client-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1990-05-05", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Asiakas tarvitsee", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Actors.Worker.UserId, text, StringComparison.Ordinal);
        Assert.Equal((Actors.ProviderUnit, "Purchased", "sr-everyday-coaching", "2026-03-02", "2026-12-31"),
            (view.GetProperty("providerUnit").GetString(), view.GetProperty("providerKind").GetString(), view.GetProperty("serviceTypeCode").GetString(),
             view.GetProperty("serviceStartedOn").GetString(), view.GetProperty("decidedEnd").GetString()));
        var etag = read.Headers.ETag!.Tag;

        var plan = await SendAsync(provider, $"/api/referrals/{id}/rehabilitation-plan", new { agreedOn = "2026-03-20", summary = "Tavoitteena päivärytmi." }, etag);
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var afterPlan = JsonDocument.Parse(await plan.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2026-03-20", afterPlan.GetProperty("rehabilitationPlanOn").GetString());
        Assert.False(afterPlan.TryGetProperty("clientId", out _));

        var report = await SendAsync(provider, $"/api/referrals/{id}/provider-reports", new { receivedOn = "2026-04-15", summary = "Osallistunut viikoittain." }, plan.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var afterReport = JsonDocument.Parse(await report.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["2026-04-15"], afterReport.GetProperty("providerReports").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(ProviderViewFields.Order(), afterReport.EnumerateObject().Select(p => p.Name).Order());

        var timeline = await host.Reader.TimelineAsync(id);
        var recorded = timeline.Skip(History.ServiceActive.Length).Select(e => e.Event).ToList();
        Assert.Collection(recorded,
            e => Assert.Equal(new RehabilitationPlanRecorded(new DateOnly(2026, 3, 20), "Tavoitteena päivärytmi."), e with { At = default, By = Actor.System }),
            e => Assert.Equal(new ProviderReportRecorded(new DateOnly(2026, 4, 15), "Osallistunut viikoittain."), e with { At = default, By = Actor.System }));
        Assert.All(recorded, e => Assert.Equal(Actors.Provider, e.By));
    }

    [Fact]
    public async Task Only_the_provider_may_record_the_rehabilitation_plan()
    {
        var id = await GivenAsync(History.ServiceActive);
        var worker = host.Client(host.Token(Actors.Worker.UserId, Role.ReferringWorker, Actors.Unit));
        var answer = await SendAsync(worker, $"/api/referrals/{id}/rehabilitation-plan", new { agreedOn = "2026-03-20", summary = "S." });
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        // The case owner still reads the whole referral, the provider's plan included.
        var full = JsonDocument.Parse(await worker.GetStringAsync($"/api/referrals/{id}")).RootElement;
        Assert.Equal("client-1", full.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task Another_providers_referral_and_one_not_yet_started_are_not_found_for_the_provider()
    {
        var others = await GivenAsync(AssignedToOtherProvider);
        var notStarted = await GivenAsync(History.AwaitingServiceStart);
        var provider = host.Client(host.Token(Actors.Provider.UserId, Role.ServiceProvider, Actors.ProviderUnit));
        foreach (var id in new[] { others, notStarted, "no-such-referral" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/referrals/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(provider, $"/api/referrals/{id}/rehabilitation-plan", new { agreedOn = "2026-03-20", summary = "S." })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(provider, $"/api/referrals/{id}/provider-reports", new { receivedOn = "2026-04-15", summary = "S." })).StatusCode);
        }
        foreach (var id in new[] { others, notStarted })
        {
            var timeline = await host.Reader.TimelineAsync(id);
            Assert.DoesNotContain(timeline, e => e.Event.By.Role == Role.ServiceProvider);
            var log = await host.AccessRecordsAsync(id);
            Assert.DoesNotContain(log, r => r.Role == nameof(Role.ServiceProvider));
        }

        // The case owner starts the service with this provider unit: from then on the provider reaches it.
        var worker = host.Client(host.Token(Actors.Worker.UserId, Role.ReferringWorker, Actors.Unit));
        var started = await SendAsync(worker, $"/api/referrals/{notStarted}/service-start", new { startedOn = "2026-03-02", providerUnit = Actors.ProviderUnit });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/referrals/{notStarted}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client(host.Token(Actors.OtherProvider.UserId, Role.ServiceProvider, Actors.OwnProviderUnit))
            .GetAsync($"/api/referrals/{notStarted}")).StatusCode);
    }

    [Fact]
    public async Task The_provider_reaches_nothing_else_of_the_referral_nor_the_unit_listings()
    {
        var id = await GivenAsync(History.ServiceActive);
        var provider = host.Client(host.Token(Actors.Provider.UserId, Role.ServiceProvider, Actors.ProviderUnit));
        foreach (var path in new[]
        {
            $"/api/referrals/{id}/timeline", $"/api/referrals/{id}/client", $"/api/referrals/{id}/decision", $"/api/referrals/{id}/attachments",
            $"/api/referrals/{id}/access-log", $"/api/referrals/{id}/instrument-chart", $"/api/referrals/{id}/measurements/esy-example/comparison",
            $"/api/referrals?unit={Actors.ProviderUnit}", $"/api/referrals?unit={Actors.Unit}", "/api/review-queue",
        })
            Assert.True(HttpStatusCode.Forbidden == (await provider.GetAsync(path)).StatusCode, path);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(provider, $"/api/referrals/{id}/evaluations", new { heldOn = "2026-04-01", notes = "n" })).StatusCode);
    }

    [Fact]
    public async Task The_providers_read_is_access_logged_and_shown_to_the_auditor()
    {
        var id = await GivenAsync(History.ServiceActive);
        var provider = host.Client(host.Token(Actors.Provider.UserId, Role.ServiceProvider, Actors.ProviderUnit));
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/referrals/{id}")).StatusCode);

        var log = await host.AccessRecordsAsync(id);
        var row = Assert.Single(log);
        Assert.Equal((Actors.Provider.UserId, nameof(Role.ServiceProvider), Actors.ProviderUnit, "GET /api/referrals/{id}"), (row.UserId, row.Role, row.Unit, row.Route));

        var auditor = host.Client(host.Token(Actors.Auditor.UserId, Role.Auditor, Actors.Unit));
        var shown = await auditor.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}/access-log");
        Assert.Contains(shown.GetProperty("items").EnumerateArray(), r =>
            r.GetProperty("userId").GetString() == Actors.Provider.UserId && r.GetProperty("role").GetString() == nameof(Role.ServiceProvider));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", "prov-" + Guid.NewGuid().ToString("N"));
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>A fresh referral with these events, its snapshot and timers: what a commit of them leaves.</summary>
    private async Task<string> GivenAsync(IReadOnlyList<ReferralEvent> events)
    {
        host.Client().Dispose();
        var id = GivenReferrals.NewId("prov");
        await GivenReferrals.WriteAsync(host.Services, id, events);
        return id;
    }

    private sealed class NoClock : IReferralChangeNotifier
    {
        public Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
