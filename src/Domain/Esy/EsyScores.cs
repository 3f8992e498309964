using System.Collections.Immutable;

namespace Referrals.Domain;

/// <summary>One ESY self-assessment: a score per area of the instrument (area code → score).
/// Value equality so that states compare by content.</summary>
public sealed record EsyScores(ImmutableSortedDictionary<string, int> ByArea)
{
    public static EsyScores Of(IEnumerable<KeyValuePair<string, int>> scores) =>
        new(scores.ToImmutableSortedDictionary(StringComparer.Ordinal));

    public bool Equals(EsyScores? other) =>
        other is not null && ByArea.Count == other.ByArea.Count &&
        ByArea.All(kv => other.ByArea.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override int GetHashCode() =>
        ByArea.Aggregate(ByArea.Count, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value));
}
