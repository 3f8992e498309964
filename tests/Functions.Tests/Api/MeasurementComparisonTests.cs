using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Referrals.Domain;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;

namespace Referrals.Functions.Tests.Api;

/// <summary>GET /api/referrals/{id}/measurements/{instrument}/comparison: per area, the latest measurement of one instrument
/// against the baseline and the previous one, improvement read with the instrument's direction; for the roles that may
/// read the referral, access-logged.</summary>
public sealed class MeasurementComparisonTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly ProcessConfiguration Configuration = DefaultProcessConfiguration.Load();

    private static EsyScores Scores(string instrument, Func<int, int> score) =>
        EsyScores.Of(Configuration.Instrument(instrument)!.Areas.Select((a, i) => KeyValuePair.Create(a.Code, score(i))));

    /// <summary>The measurements, in the order recorded (the last one measured before the one recorded before it).</summary>
    private static EsyMeasured[] Measurements =>
    [
        new(new DateOnly(2026, 4, 1), Scores("functioning-example", _ => 3)) { InstrumentId = "functioning-example" },
        new(new DateOnly(2026, 6, 1), Scores("esy-example", _ => 5)) { InstrumentId = "esy-example" },
        new(new DateOnly(2026, 7, 1), Scores("functioning-example", _ => 2)) { InstrumentId = "functioning-example" },
        new(new DateOnly(2026, 12, 1), Scores("esy-example", i => i == 0 ? 2 : 7)) { InstrumentId = "esy-example" },
        new(new DateOnly(2026, 10, 1), Scores("functioning-example", i => i == 0 ? 3 : 1)) { InstrumentId = "functioning-example" },
    ];

    /// <summary>A referral in service (submitted on 2 February 2026) with an ESY baseline of 3 at the referral, then 5 and 7 (higher
    /// is better); the functioning instrument: 3, 2, then 3 in its first area and 1 in the rest (lower is better), measured in between.
    /// <paramref name="measurements"/>: which of <see cref="Measurements"/> were recorded (all by default), each by the case owner in December.</summary>
    private string Seed(params int[] measurements)
    {
        var submitted = (ReferralSubmitted)History.ServiceActive[0] with { EsyBaseline = Scores("esy-example", _ => 3), BaselineInstrumentId = "esy-example" };
        var recorded = Measurements.Select((m, i) => (m, i)).Where(x => measurements.Length == 0 || measurements.Contains(x.i))
            .Select(x => History.Stamp(x.m, 320 + x.i, Actors.Worker));
        return factory.Given([submitted, .. History.ServiceActive.Skip(1), .. recorded]);
    }

    private static JsonObject Area(JsonObject body, string code) => body["areas"]!.AsArray().Single(a => (string?)a!["code"] == code)!.AsObject();

    [Fact]
    public async Task The_latest_ESY_measurement_is_compared_with_the_baseline_and_the_previous_one_per_area()
    {
        var id = Seed();
        var response = await factory.ClientAs(Role.ReferringWorker, Actors.Unit).GetAsync($"/api/referrals/{id}/measurements/esy-example/comparison");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((true, "2026-02-02"), ((bool)body["baseline"]!["atReferral"]!, (string?)body["baseline"]!["on"]));
        Assert.Equal(("2026-06-01", "2026-12-01"), ((string?)body["previous"]!["on"], (string?)body["latest"]!["on"]));
        var housing = Area(body, "housing");
        Assert.Equal((3, 5, 2, -1, -3, "Worse", "Worse"), ((int)housing["baseline"]!, (int)housing["previous"]!, (int)housing["latest"]!,
            (int)housing["changeFromBaseline"]!, (int)housing["changeFromPrevious"]!, (string?)housing["sinceBaseline"], (string?)housing["sincePrevious"]));
        var health = Area(body, "health");
        Assert.Equal((4, 2, "Improved", "Improved"), ((int)health["changeFromBaseline"]!, (int)health["changeFromPrevious"]!,
            (string?)health["sinceBaseline"], (string?)health["sincePrevious"]));
        Assert.Equal((7, 1), ((int)body["improvedSinceBaseline"]!, (int)body["worseSinceBaseline"]!));
        // The example is labelled as an example in the answer itself.
        Assert.True((bool)body["instrument"]!["isExample"]!);
        Assert.Contains("esimerkki", (string?)body["instrument"]!["exampleNote"]!["fi"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains(factory.AccessLog.Records, r => r.ReferralId == id && r.Route == "GET /api/referrals/{id}/measurements/{instrument}/comparison");
    }

    [Fact]
    public async Task Where_a_lower_score_is_better_a_fall_is_an_improvement_and_other_instruments_stay_out()
    {
        var id = Seed();
        var body = (await (await factory.ClientAs(Role.Auditor, Actors.Unit).GetAsync($"/api/referrals/{id}/measurements/functioning-example/comparison"))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("LowerIsBetter", (string?)body["instrument"]!["direction"]);
        // No baseline with the referral for this instrument: its first measurement is the baseline; by the day measured.
        Assert.Equal((false, "2026-04-01", "2026-07-01", "2026-10-01"), ((bool)body["baseline"]!["atReferral"]!, (string?)body["baseline"]!["on"],
            (string?)body["previous"]!["on"], (string?)body["latest"]!["on"]));
        var first = Area(body, "understanding");
        Assert.Equal((3, 2, 3, "Same", "Worse"), ((int)first["baseline"]!, (int)first["previous"]!, (int)first["latest"]!,
            (string?)first["sinceBaseline"], (string?)first["sincePrevious"]));
        var selfCare = Area(body, "self-care");
        Assert.Equal((-2, -1, "Improved", "Improved"), ((int)selfCare["changeFromBaseline"]!, (int)selfCare["changeFromPrevious"]!,
            (string?)selfCare["sinceBaseline"], (string?)selfCare["sincePrevious"]));
        Assert.Equal(6, body["areas"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_first_re_measurement_has_no_previous_and_a_referral_without_measurements_has_nothing_to_compare()
    {
        var first = Seed(1);
        var body = (await (await factory.ClientAs(Role.Signer, Actors.Unit).GetAsync($"/api/referrals/{first}/measurements/esy-example/comparison"))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(body["previous"]);
        Assert.Equal((2, (string?)null), ((int)Area(body, "housing")["changeFromBaseline"]!, (string?)Area(body, "housing")["sincePrevious"]));
        var unmeasured = factory.Given(History.ServiceActive);
        var none = (await (await factory.ClientAs(Role.ReferringWorker, Actors.Unit).GetAsync($"/api/referrals/{unmeasured}/measurements/functioning-example/comparison"))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(none["baseline"]);
        Assert.All(none["areas"]!.AsArray(), a => Assert.Null(a!["latest"]));
    }

    [Fact]
    public async Task An_instrument_outside_the_referrals_configuration_is_a_404_problem_and_outsiders_learn_nothing()
    {
        var id = Seed();
        var unknown = await factory.ClientAs(Role.ReferringWorker, Actors.Unit).GetAsync($"/api/referrals/{id}/measurements/whodas/comparison");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("unknown-instrument", (string?)(await unknown.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        var outsider = await factory.ClientAs(Role.ReferringWorker, Actors.OtherUnit).GetAsync($"/api/referrals/{id}/measurements/esy-example/comparison");
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal("not-found", (string?)(await outsider.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientAs(Role.Operator, Actors.Unit).GetAsync($"/api/referrals/{id}/measurements/esy-example/comparison")).StatusCode);
    }
}
