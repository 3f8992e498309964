namespace Referrals.Domain.Esy;

/// <summary>Which way an area moved, read with the instrument's sense of "better".</summary>
public enum EsyDirection { Improved, Same, Worse }

public static class EsyDirections
{
    /// <summary>The word shown at the follow-up meeting (fi, sv, en), e.g. Parantunut / Förbättrats.</summary>
    public static string Label(this EsyDirection direction, string language = "fi") =>
        Texts.Get($"esy.direction.{direction}", language);
}

/// <summary>One area of a re-measurement beside the baseline and the previous measurement. Change is
/// current minus the earlier score on the scale (positive = the score rose); Direction says whether
/// that is better or worse for this instrument. Null where a score is missing.</summary>
public sealed record EsyAreaChange(
    EsyArea Area,
    int? Current,
    int? Baseline,
    int? Previous,
    int? ChangeFromBaseline,
    int? ChangeFromPrevious,
    EsyDirection? SinceBaseline,
    EsyDirection? SincePrevious);

/// <summary>A re-measurement of the ESY self-assessment compared per area with the baseline (the
/// assessment at the referral) and the previous measurement, for the follow-up meeting that agrees
/// the plan onward (domain.md, step 8). Areas follow the instrument's order; a score for an area the
/// instrument does not know is ignored, so the result is total and never throws.</summary>
public sealed record EsyComparison(EsyInstrument Instrument, IReadOnlyList<EsyAreaChange> Areas)
{
    /// <summary>Compare a measurement with the baseline and the previous one; either may be missing
    /// (no baseline at referral, or this is the first re-measurement).</summary>
    public static EsyComparison Compare(EsyInstrument instrument, EsyScores? baseline, EsyScores? previous, EsyScores current)
    {
        var areas = instrument.Areas.Select(area =>
        {
            var now = ScoreOf(current, area);
            var first = ScoreOf(baseline, area);
            var last = ScoreOf(previous, area);
            return new EsyAreaChange(
                area, now, first, last,
                now - first, now - last,
                DirectionOf(instrument, now - first), DirectionOf(instrument, now - last));
        }).ToArray();
        return new EsyComparison(instrument, areas);
    }

    /// <summary>True when the current measurement scored every area of the instrument.</summary>
    public bool IsComplete => Areas.All(a => a.Current is not null);

    public int ImprovedSinceBaseline => Areas.Count(a => a.SinceBaseline == EsyDirection.Improved);

    public int WorseSinceBaseline => Areas.Count(a => a.SinceBaseline == EsyDirection.Worse);

    public int ImprovedSincePrevious => Areas.Count(a => a.SincePrevious == EsyDirection.Improved);

    public int WorseSincePrevious => Areas.Count(a => a.SincePrevious == EsyDirection.Worse);

    /// <summary>The change for one area by its code, or null if the instrument has no such area.</summary>
    public EsyAreaChange? For(string areaCode) => Areas.FirstOrDefault(a => a.Area.Code == areaCode);

    private static int? ScoreOf(EsyScores? scores, EsyArea area) =>
        scores is not null && scores.ByArea.TryGetValue(area.Code, out var v) ? v : null;

    private static EsyDirection? DirectionOf(EsyInstrument instrument, int? change) => change switch
    {
        null => null,
        0 => EsyDirection.Same,
        > 0 => instrument.RisingIsBetter ? EsyDirection.Improved : EsyDirection.Worse,
        _ => instrument.RisingIsBetter ? EsyDirection.Worse : EsyDirection.Improved,
    };
}
