using System.Net;
using System.Text;
using System.Text.Json;
using Referrals.Domain;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Tests.Api;
using Referrals.Domain.Tests.Support;

namespace Referrals.Functions.Tests.Reports;

/// <summary>GET /api/referrals/{id}/page over HTTP: the referral's page in Finnish and Swedish with the client's chart per
/// instrument measured (the default instrument first), read as client data (access-logged), for the referral's readers only,
/// with neither the client's name nor the identity code on it; and the JSON view links to it.</summary>
public sealed class ReferralPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Code = SampleClient.Code, Name = SampleClient.Name;

    private static EsyScores Scores(string instrument, int value) =>
        EsyScores.Of(ReportModelTests.Configuration.Instrument(instrument)!.Areas.Select((a, i) => KeyValuePair.Create(a.Code, value + i % 2)));

    /// <summary>In service (History.ServiceActive) for the sample client, whose record holds the name and the identity code, with
    /// a baseline and measurements of both of the profile's instruments, the second instrument's recorded first.</summary>
    private Task<string> SubmittedAndMeasuredAsync(string key)
    {
        _ = key;
        ReferralEvent[] history =
        [
            .. History.ServiceActive.Select(e => e is ReferralSubmitted submitted
                ? submitted with { ClientId = SampleClient.Id, EsyBaseline = Scores("esy-example", 3), BaselineInstrumentId = "esy-example" }
                : e),
            History.Stamp(new ClientPlanRecorded(new DateOnly(2026, 3, 20)), 46, Actors.Worker),
            History.Stamp(new EsyMeasured(new DateOnly(2026, 5, 4), Scores("functioning-example", 3)) { InstrumentId = "functioning-example" }, 91, Actors.Worker),
            History.Stamp(new EsyMeasured(new DateOnly(2026, 6, 1), Scores("esy-example", 5)) { InstrumentId = "esy-example" }, 119, Actors.Worker),
            History.Stamp(new EsyMeasured(new DateOnly(2026, 9, 1), Scores("functioning-example", 1)) { InstrumentId = "functioning-example" }, 211, Actors.Worker),
            History.Stamp(new EsyMeasured(new DateOnly(2026, 10, 1), Scores("esy-example", 7)) { InstrumentId = "esy-example" }, 241, Actors.Worker),
        ];
        return Task.FromResult(factory.Given(history));
    }

    [Fact]
    public async Task The_page_shows_the_referral_and_each_instruments_chart_in_finnish_and_swedish_without_the_clients_name_or_code()
    {
        var id = await SubmittedAndMeasuredAsync("page-1");
        using var signer = factory.ClientAs(Role.Signer, Actors.Unit);
        foreach (var (query, acceptLanguage, language) in new[] { ("?lang=sv", "fi", "sv"), ("", "sv-FI, fi;q=0.5", "sv"), ("", "en", "fi"), ("?lang=fi", "sv", "fi") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{id}/page{query}");
            request.Headers.Add("Accept-Language", acceptLanguage);
            var response = await signer.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
            Assert.Contains(language == "fi" ? "Sosiaalisen kuntoutuksen lähete" : "Remiss till social rehabilitering", html, StringComparison.Ordinal);
            Assert.Contains(language == "fi" ? "Palvelu käynnissä" : "Tjänsten pågår", html, StringComparison.Ordinal);
            Assert.Contains("data-date=\"service-start\"><time datetime=\"2026-03-02\">2.3.2026</time>", html, StringComparison.Ordinal);
            Assert.Contains("data-date=\"closed\">–", html, StringComparison.Ordinal);
            // Both instruments, the profile's default first, each as SVG and as a table of the same figures.
            var esy = html.IndexOf("<figure data-instrument=\"esy-example\">", StringComparison.Ordinal);
            var functioning = html.IndexOf("<figure data-instrument=\"functioning-example\">", StringComparison.Ordinal);
            Assert.True(esy > 0 && functioning > esy, $"esy at {esy}, functioning at {functioning}");
            var area = ReportModelTests.Configuration.Instrument("esy-example")!.Areas[1].Code;
            foreach (var (series, value) in new[] { ("baseline", 4), ("previous", 6), ("latest", 8) })
            {
                Assert.Contains($"<td data-area=\"{area}\" data-series=\"{series}\" data-value=\"{value}\">{value}</td>", html, StringComparison.Ordinal);
                Assert.Contains($"data-area=\"{area}\" data-series=\"{series}\" data-value=\"{value}\"", html[esy..functioning], StringComparison.Ordinal);
            }
            // No script, no outside resource; no name, no identity code (nor its parts).
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
            Assert.DoesNotContain(Name, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Testinen", html, StringComparison.Ordinal);
            Assert.DoesNotContain("900C", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("010181", html, StringComparison.Ordinal);
            Assert.DoesNotContain("referral-page.", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_opening_of_the_page_is_access_logged_as_a_read_of_client_data()
    {
        var id = await SubmittedAndMeasuredAsync("page-2");
        var before = factory.AccessLog.Records.Count(r => r.ReferralId == id);
        using var auditor = factory.ClientWith(factory.Token("auditor-7", Role.Auditor, Actors.Unit));
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/referrals/{id}/page")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/referrals/{id}/page?lang=sv")).StatusCode);
        var logged = factory.AccessLog.Records.Where(r => r.ReferralId == id).Skip(before).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, r => Assert.Equal(("auditor-7", "Auditor", Actors.Unit, "GET /api/referrals/{id}/page"), (r.UserId, r.Role, r.Unit, r.Route)));
    }

    [Fact]
    public async Task Only_the_referrals_readers_open_the_page_and_anyone_else_learns_nothing()
    {
        var id = await SubmittedAndMeasuredAsync("page-3");
        var before = factory.AccessLog.Records.Count(r => r.ReferralId == id);
        async Task Expect(HttpClient client, string path, HttpStatusCode status)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Testinen", body, StringComparison.Ordinal);
            Assert.DoesNotContain("data-series", body, StringComparison.Ordinal);
        }
        using var otherUnit = factory.ClientAs(Role.ReferringWorker, Actors.OtherUnit);
        await Expect(otherUnit, $"/api/referrals/{id}/page", HttpStatusCode.NotFound);
        using var otherAuditor = factory.ClientAs(Role.Auditor, Actors.OtherUnit);
        await Expect(otherAuditor, $"/api/referrals/{id}/page?lang=sv", HttpStatusCode.NotFound);
        // The assigned provider reads its limited view, which has no measurements: the page is 404 to it, as to any other provider.
        using var provider = factory.ClientAs(Role.ServiceProvider, Actors.ProviderUnit);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/referrals/{id}")).StatusCode);
        await Expect(provider, $"/api/referrals/{id}/page", HttpStatusCode.NotFound);
        using var otherProvider = factory.ClientAs(Role.ServiceProvider, Actors.OwnProviderUnit);
        await Expect(otherProvider, $"/api/referrals/{id}/page", HttpStatusCode.NotFound);
        using var operatorClient = factory.ClientAs(Role.Operator);
        await Expect(operatorClient, $"/api/referrals/{id}/page", HttpStatusCode.Forbidden);
        using var anonymous = factory.ClientWith(null);
        await Expect(anonymous, $"/api/referrals/{id}/page", HttpStatusCode.Unauthorized);
        using var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        await Expect(worker, "/api/referrals/r-unknown-page/page", HttpStatusCode.NotFound);
        // Only the provider's own view was a read of client data.
        Assert.Equal(["ServiceProvider"], factory.AccessLog.Records.Where(r => r.ReferralId == id).Skip(before).Select(r => r.Role));
    }

    [Fact]
    public async Task The_referral_view_links_to_its_page_and_chart_and_the_providers_view_does_not()
    {
        var id = await SubmittedAndMeasuredAsync("page-4");
        using var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        var view = JsonDocument.Parse(await worker.GetStringAsync($"/api/referrals/{id}")).RootElement;
        var links = view.GetProperty("links");
        Assert.Equal($"/api/referrals/{id}/page", links.GetProperty("page").GetString());
        Assert.Equal($"/api/referrals/{id}/instrument-chart", links.GetProperty("instrumentChart").GetString());
        var page = await worker.GetAsync(links.GetProperty("page").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var chart = await worker.GetAsync(links.GetProperty("instrumentChart").GetString());
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType!.MediaType);
        using var provider = factory.ClientAs(Role.ServiceProvider, Actors.ProviderUnit);
        var limited = JsonDocument.Parse(await provider.GetStringAsync($"/api/referrals/{id}")).RootElement;
        Assert.False(limited.TryGetProperty("links", out _));
    }

    [Fact]
    public async Task A_referral_without_measurements_says_so_and_draws_no_chart()
    {
        var id = factory.Given(History.AwaitingSignature);
        using var worker = factory.ClientAs(Role.ReferringWorker, Actors.Unit);
        var html = await worker.GetStringAsync($"/api/referrals/{id}/page?lang=sv");
        Assert.Contains("Remissen har ännu inga mätningar.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Väntar på underskrift", html, StringComparison.Ordinal);
    }
}
