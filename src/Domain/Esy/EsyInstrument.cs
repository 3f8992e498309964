using System.Text.Json.Serialization;

namespace Referrals.Domain.Esy;

/// <summary>A self-assessment instrument as data (ESY, Elämäntilanteen selvittämisen ympyrä, or another one a county
/// configures beside it: a Kykyviisari-, AVAIN- or WHODAS-like form): its areas, its scale and which way along the scale is
/// better. An instrument id keeps its meaning across configuration versions (areas, scale, direction), so that measurements
/// and reports stay comparable; names and labels may change. The shipped instruments are clearly labelled examples, not the
/// official (licensed) forms.</summary>
public sealed record EsyInstrument(
    string Id, string NameFi, string NameSv, bool IsExample, IReadOnlyList<EsyArea> Areas, int ScaleMin, int ScaleMax)
{
    /// <summary>The id of the only instrument before measurements named theirs (the shipped ESY example): a measurement or
    /// baseline recorded without an instrument id reads as this one.</summary>
    public const string EarlierEsyId = "esy-example";

    /// <summary>Which way along the scale is better, so that a comparison can say "improved" or "worse" without code
    /// knowing the instrument. Required in <c>Instruments[]</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScoreDirection? Direction { get; init; }

    /// <summary>The earlier shape of <see cref="Direction"/> (the single <c>EsyInstrument</c> of version 2026.1): true or
    /// absent is higher-is-better, false lower-is-better. Read for configurations written before; not written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? HigherIsBetter { get; init; }

    /// <summary>The direction in force: <see cref="Direction"/>, else the earlier <see cref="HigherIsBetter"/>, else higher
    /// is better.</summary>
    [JsonIgnore] public ScoreDirection Better =>
        Direction ?? (HigherIsBetter == false ? ScoreDirection.LowerIsBetter : ScoreDirection.HigherIsBetter);

    [JsonIgnore] public bool RisingIsBetter => Better == ScoreDirection.HigherIsBetter;

    public EsyArea? Area(string code) => Areas.FirstOrDefault(a => a.Code == code);

    /// <summary>True when the scores name exactly the instrument's areas, each within the scale.</summary>
    public bool Accepts(EsyScores scores) => Misfit(scores) is null;

    /// <summary>What is wrong with the scores for this instrument, or null when they fit: an area of the instrument
    /// without a score, a score for an area the instrument does not have, or a score outside the scale. Areas in the
    /// instrument's order, so that the answer names the first area a worker would look at.</summary>
    public ScoreMisfit? Misfit(EsyScores scores)
    {
        if (scores?.ByArea is null) return new ScoreMisfit(ScoreMisfitKind.AreaMissing, Areas.FirstOrDefault()?.Code ?? "");
        foreach (var area in Areas)
        {
            if (!scores.ByArea.TryGetValue(area.Code, out var v)) return new ScoreMisfit(ScoreMisfitKind.AreaMissing, area.Code);
            if (v < ScaleMin || v > ScaleMax) return new ScoreMisfit(ScoreMisfitKind.OutOfRange, area.Code);
        }
        var unknown = scores.ByArea.Keys.FirstOrDefault(k => Area(k) is null);
        return unknown is null ? null : new ScoreMisfit(ScoreMisfitKind.UnknownArea, unknown);
    }
}

/// <summary>One area of an instrument: its code (in requests, events and reports) and its label in both languages.</summary>
public sealed record EsyArea(string Code, string NameFi, string NameSv);

/// <summary>Which way along an instrument's scale is better.</summary>
public enum ScoreDirection { HigherIsBetter, LowerIsBetter }

public enum ScoreMisfitKind { AreaMissing, UnknownArea, OutOfRange }

/// <summary>Why scores do not fit an instrument, and the area (its code) where.</summary>
public sealed record ScoreMisfit(ScoreMisfitKind Kind, string AreaCode);
