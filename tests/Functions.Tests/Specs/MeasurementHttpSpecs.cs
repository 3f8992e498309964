using System.Net;
using Referrals.Domain;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Specs;

/// <summary>A measurement names its instrument over HTTP, on the real rules: its scores fit that instrument, or the
/// answer is a 422 problem that says what is wrong (the area in <c>detail</c>) and nothing is appended.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class MeasurementHttpSpecs(DevServices devServices)
{
    private static readonly DateOnly MeasuredOn = History.ServiceStart.AddDays(10);

    private static Dictionary<string, int> Scores(string instrument, int score) =>
        DefaultProcessConfiguration.Load().Instrument(instrument)!.Areas.ToDictionary(a => a.Code, _ => score);

    private Task<HttpSpec> Given(IEnumerable<ReferralEvent> events) => HttpSpec.Given(devServices, events);

    [Fact]
    public async Task A_measurement_with_another_instrument_of_the_profile_records_that_instrument() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "esy-measurements", new { measuredOn = MeasuredOn, instrument = "functioning-example", scores = Scores("functioning-example", 3) })
            .Then(HttpStatusCode.OK, new EsyMeasured(MeasuredOn, EsyScores.Of(Scores("functioning-example", 3))) { InstrumentId = "functioning-example" });

    [Fact]
    public async Task A_measurement_naming_no_instrument_is_of_the_profiles_first_ESY() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "esy-measurements", new { measuredOn = MeasuredOn, scores = Scores("esy-example", 6) })
            .Then(HttpStatusCode.OK, new EsyMeasured(MeasuredOn, EsyScores.Of(Scores("esy-example", 6))) { InstrumentId = "esy-example" });

    [Fact]
    public async Task An_unknown_instrument_is_a_422_and_nothing_is_recorded() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "esy-measurements", new { measuredOn = MeasuredOn, instrument = "whodas-2", scores = Scores("esy-example", 6) })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "unknown-instrument");

    [Fact]
    public async Task A_score_outside_the_instruments_scale_is_a_422_and_nothing_is_recorded() =>
        // 6 is on ESY's 1–10 scale but not on the functioning instrument's 0–4.
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "esy-measurements", new { measuredOn = MeasuredOn, instrument = "functioning-example", scores = Scores("functioning-example", 6) })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "instrument-score-out-of-range");

    [Fact]
    public async Task An_area_without_a_score_is_a_422_and_nothing_is_recorded() =>
        await (await Given(History.ServiceActive))
            .When(Actors.Worker, "esy-measurements", new { measuredOn = MeasuredOn, instrument = "functioning-example", scores = new Dictionary<string, int> { ["understanding"] = 2 } })
            .ThenProblem(HttpStatusCode.UnprocessableEntity, "instrument-area-missing");
}
