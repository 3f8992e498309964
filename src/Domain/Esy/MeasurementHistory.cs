using Referrals.Domain.Calendar;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Esy;

/// <summary>One measurement with an instrument: the day, the scores, and whether it is the assessment made with the
/// referral (its baseline) or a later measurement.</summary>
public sealed record MeasurementPoint(DateOnly On, EsyScores Scores, bool AtReferral);

/// <summary>A client's measurements with one instrument, as the follow-up meeting reads them (domain.md, step 8): the
/// baseline (the assessment at the referral, or the first measurement where there was none), the previous measurement
/// (the one before the latest; none at the first re-measurement) and the latest, compared per area with the
/// instrument's direction. Other instruments' measurements never enter it.</summary>
public sealed record MeasurementHistory(
    EsyInstrument Instrument, MeasurementPoint? Baseline, MeasurementPoint? Previous, MeasurementPoint? Latest, EsyComparison Comparison)
{
    public static MeasurementHistory Of(ReferralState state, EsyInstrument instrument)
    {
        var points = new List<MeasurementPoint>();
        if (state.EsyBaseline is { } atReferral && (state.EsyBaselineInstrumentId ?? EsyInstrument.EarlierEsyId) == instrument.Id)
            points.Add(new MeasurementPoint(FinnishCalendar.DateIn(state.SubmittedAt), atReferral, AtReferral: true));
        // By the day measured (a measurement may be recorded late); recorded order where two share a day.
        points.AddRange(state.EsyMeasurements.Where(m => m.InstrumentId == instrument.Id).Select(m => new MeasurementPoint(m.On, m.Scores, false))
            .OrderBy(p => p.On));
        var baseline = points.FirstOrDefault();
        var latest = points.Count >= 2 ? points[^1] : null;
        var previous = points.Count >= 3 ? points[^2] : null;
        return new MeasurementHistory(instrument, baseline, previous, latest,
            EsyComparison.Compare(instrument, baseline?.Scores, previous?.Scores, latest?.Scores ?? EsyScores.Of([])));
    }
}
