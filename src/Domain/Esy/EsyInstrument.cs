namespace Referrals.Domain.Esy;

/// <summary>The ESY self-assessment instrument (Elämäntilanteen selvittämisen ympyrä) as data: its areas
/// and its scale. The shipped configuration is a clearly labelled example, not the official form.</summary>
public sealed record EsyInstrument(
    string Id, string NameFi, string NameSv, bool IsExample, IReadOnlyList<EsyArea> Areas, int ScaleMin, int ScaleMax)
{
    /// <summary>Which way along the scale is better, so that a comparison can say "improved" or
    /// "worse" without code knowing the instrument. True unless the configuration says otherwise.</summary>
    public bool HigherIsBetter { get; init; } = true;

    /// <summary>True when the scores name exactly the instrument's areas, each within the scale.</summary>
    public bool Accepts(EsyScores scores) =>
        scores.ByArea.Count == Areas.Count &&
        Areas.All(a => scores.ByArea.TryGetValue(a.Code, out var v) && v >= ScaleMin && v <= ScaleMax);
}

public sealed record EsyArea(string Code, string NameFi, string NameSv);
