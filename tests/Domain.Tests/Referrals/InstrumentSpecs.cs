using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Esy;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>A measurement names its instrument (the baseline with the referral, and every later measurement); its scores
/// fit that instrument's areas and scale, and the rejection says what is wrong and where. Events from before read as ESY.</summary>
public class InstrumentSpecs
{
    private static readonly DateTimeOffset Later = History.Day(60);
    private static readonly DateOnly Day = History.ServiceStart.AddDays(10);

    private static EsyScores Functioning(int score = 2) =>
        EsyScores.Of(Process.Configuration.Instrument("functioning-example")!.Areas.Select(a => KeyValuePair.Create(a.Code, score)));

    [Fact]
    public void A_measurement_records_the_instrument_it_names()
    {
        Spec.Given(History.ServiceActive).When(Measure(Day, scores: Functioning(3)) with { InstrumentId = "functioning-example" }, Later)
            .Then(new EsyMeasured(Day, Functioning(3)) { InstrumentId = "functioning-example" });
    }

    [Fact]
    public void A_measurement_that_names_no_instrument_is_of_the_profiles_first()
    {
        var state = Spec.Given(History.ServiceActive).When(Measure(Day), Later).ThenState();
        Assert.Equal("esy-example", state.EsyMeasurements.Single().InstrumentId);
    }

    [Fact]
    public void An_instrument_the_configuration_lacks_or_the_profile_does_not_use_is_refused()
    {
        Spec.Given(History.ServiceActive).When(Measure(Day) with { InstrumentId = "whoqol" }, Later).ThenRejected(RejectionCode.UnknownInstrument, "whoqol");
        // Steppi measures with ESY only.
        Spec.Given().When(Submit(Process.Steppi, baseline: Functioning()) with { BaselineInstrumentId = "functioning-example" })
            .ThenRejected(RejectionCode.UnknownInstrument, "functioning-example");
    }

    [Fact]
    public void Scores_are_checked_against_the_named_instruments_areas_and_scale()
    {
        var functioning = Measure(Day) with { InstrumentId = "functioning-example" };
        // ESY's scores do not fit the functioning instrument: its first area has none.
        Spec.Given(History.ServiceActive).When(functioning, Later).ThenRejected(RejectionCode.InstrumentAreaMissing, "understanding");
        // 0–4: 5 is out of range, though it is inside ESY's 1–10.
        Spec.Given(History.ServiceActive).When(functioning with { Scores = Functioning(5) }, Later)
            .ThenRejected(RejectionCode.InstrumentScoreOutOfRange, "understanding");
        var extra = EsyScores.Of([.. Functioning().ByArea, KeyValuePair.Create("housing", 2)]);
        Spec.Given(History.ServiceActive).When(functioning with { Scores = extra }, Later).ThenRejected(RejectionCode.InstrumentAreaUnknown, "housing");
        // An area name that is not a plain code is not echoed back.
        var odd = EsyScores.Of([.. Functioning().ByArea, KeyValuePair.Create("Matti Meikäläinen", 2)]);
        Assert.Null(Spec.Given(History.ServiceActive).When(functioning with { Scores = odd }, Later).ThenRejected(RejectionCode.InstrumentAreaUnknown).Detail);
    }

    [Fact]
    public void The_baseline_names_its_instrument_and_fits_it()
    {
        var submitted = Assert.IsType<ReferralSubmitted>(Assert.Single(Assert.IsType<Outcome.Accepted>(
            Spec.Given().When(Submit(baseline: Functioning(1)) with { BaselineInstrumentId = "functioning-example" }).Outcome).Events));
        Assert.Equal(("functioning-example", Functioning(1)), (submitted.BaselineInstrumentId, submitted.EsyBaseline));
        // Named or not, the event names it: the profile's first where the worker named none.
        var byDefault = Assert.IsType<ReferralSubmitted>(Assert.Single(Assert.IsType<Outcome.Accepted>(Spec.Given().When(Submit(baseline: Scores(3))).Outcome).Events));
        Assert.Contains("\"BaselineInstrumentId\":\"esy-example\"", JsonSerializer.Serialize<ReferralEvent>(byDefault), StringComparison.Ordinal);
        Spec.Given().When(Submit(baseline: Scores(3)) with { BaselineInstrumentId = "functioning-example" })
            .ThenRejected(RejectionCode.InstrumentAreaMissing, "understanding");
        // An instrument without a baseline says nothing.
        Spec.Given().When(Submit() with { BaselineInstrumentId = "esy-example" }).ThenRejected(RejectionCode.InvalidInput, "BaselineInstrumentId");
    }

    [Fact]
    public void Events_written_before_measurements_named_their_instrument_read_as_ESY()
    {
        var measured = Assert.IsType<EsyMeasured>(JsonSerializer.Deserialize<ReferralEvent>(
            """{"$type":"esy-measured","On":"2026-09-02","Scores":{"ByArea":{"housing":4}}}"""));
        Assert.Equal(EsyInstrument.EarlierEsyId, measured.InstrumentId);
        var submitted = JsonSerializer.Serialize<ReferralEvent>(History.Submitted() with { EsyBaseline = Scores(4) });
        var old = Assert.IsType<ReferralSubmitted>(JsonSerializer.Deserialize<ReferralEvent>(submitted.Replace("\"BaselineInstrumentId\":\"esy-example\",", "", StringComparison.Ordinal)));
        Assert.DoesNotContain("BaselineInstrumentId", submitted.Replace("\"BaselineInstrumentId\":\"esy-example\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(EsyInstrument.EarlierEsyId, old.BaselineInstrumentId);
        // Without a baseline there is no baseline instrument, written or read.
        Assert.Null(History.Submitted().BaselineInstrumentId);
        Assert.DoesNotContain("BaselineInstrumentId", JsonSerializer.Serialize<ReferralEvent>(History.Submitted()), StringComparison.Ordinal);
        var state = ReferralDecider.Replay("r", [old, measured with { At = History.T0.AddDays(1) }]);
        Assert.Equal((EsyInstrument.EarlierEsyId, EsyInstrument.EarlierEsyId), (state.EsyBaselineInstrumentId, state.EsyMeasurements.Single().InstrumentId));
    }
}
