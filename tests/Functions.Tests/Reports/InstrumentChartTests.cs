using System.Collections.Immutable;
using System.Net;
using Referrals.Domain;
using Referrals.Domain.Common;
using Referrals.Domain.Tests.Support;
using Referrals.Domain.Referrals;
using Referrals.Functions.Reports;
using Referrals.Functions.Tests.Api;

namespace Referrals.Functions.Tests.Reports;

/// <summary>The referral view's instrument chart: one client's baseline, previous and latest measurement per area.</summary>
public sealed class InstrumentChartTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static EsyScores Scores(int value) =>
        EsyScores.Of(ReportModelTests.Configuration.AllInstruments[0].Areas.Select((a, i) => KeyValuePair.Create(a.Code, Math.Min(10, value + i % 2))));

    [Fact]
    public void The_chart_draws_the_baseline_the_previous_and_the_latest_measurement_of_each_area_in_finnish_and_swedish()
    {
        var state = ReferralState.Initial with
        {
            Id = "r-1", EsyBaseline = Scores(3),
            EsyMeasurements = [new EsyMeasurement(new DateOnly(2026, 6, 1), Scores(5)), new EsyMeasurement(new DateOnly(2026, 12, 1), Scores(7))],
        };
        var instrument = ReportModelTests.Configuration.AllInstruments[0];
        var fi = InstrumentChart.Render(state, instrument, "fi");
        foreach (var area in instrument.Areas.Select((a, i) => (a.Code, Odd: i % 2)))
        {
            Assert.Contains($"data-area=\"{area.Code}\" data-series=\"baseline\" data-value=\"{3 + area.Odd}\"", fi);
            Assert.Contains($"data-area=\"{area.Code}\" data-series=\"previous\" data-value=\"{5 + area.Odd}\"", fi);
            Assert.Contains($"data-area=\"{area.Code}\" data-series=\"latest\" data-value=\"{7 + area.Odd}\"", fi);
        }
        Assert.Contains("Lähtötaso", fi);
        Assert.Contains(instrument.Areas[0].NameFi, fi);
        var sv = InstrumentChart.Render(state, instrument, "sv");
        Assert.Contains("Utgångsläge", sv);
        Assert.Contains(instrument.Areas[0].NameSv, sv);
        // One measurement only, no baseline at the referral: it is the baseline, and nothing else is drawn.
        var once = InstrumentChart.Render(ReferralState.Initial with { EsyMeasurements = [new EsyMeasurement(new DateOnly(2026, 6, 1), Scores(4))] }, instrument, "fi");
        Assert.Contains("data-series=\"baseline\" data-value=\"4\"", once);
        Assert.DoesNotContain("data-series=\"latest\"", once);
    }

    [Fact]
    public async Task Reading_the_chart_is_a_read_of_client_data_and_is_access_logged()
    {
        var id = factory.Given(History.ServiceActive);
        var response = await factory.ClientAs(Role.Signer, Actors.Unit).GetAsync($"/api/referrals/{id}/instrument-chart?lang=sv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(factory.AccessLog.Records, r => r.ReferralId == id && r.Route.EndsWith("/instrument-chart", StringComparison.Ordinal));
    }
}
