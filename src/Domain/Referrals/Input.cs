using Referrals.Domain.Clients;
using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>Shape checks for what comes in from outside: missing, empty, too long, out of any sane
/// range. Each returns a rejection naming the field, or null when the value is fine. Commands may
/// arrive deserialized from JSON, so non-nullable fields can still be null here.</summary>
internal static class Input
{
    public static Outcome? Actor(Actor? actor)
    {
        if (actor is null) return Invalid("By");
        return Id(actor.UserId, "By.UserId") ?? Id(actor.Unit, "By.Unit");
    }

    public static bool IsSaneInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.Year is >= 1900 and <= 2200;

    public static Outcome? Id(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return Invalid(field);
        if (value.Length > Limits.MaxId) return Invalid($"{field}: longer than {Limits.MaxId}");
        return IdentityCode(value, field);
    }

    public static Outcome? Text(string? value, string field, int max = Limits.MaxText)
    {
        if (string.IsNullOrWhiteSpace(value)) return Invalid(field);
        if (value.Length > max) return Invalid($"{field}: longer than {max}");
        return IdentityCode(value, field);
    }

    public static Outcome? Date(DateOnly value, string field) =>
        value < Limits.EarliestDate || value > Limits.LatestDate ? Invalid(field) : null;

    public static Outcome? Defined<T>(T value, string field) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : Invalid(field);

    public static Outcome? Goals(IReadOnlyList<string>? goals)
    {
        if (goals is null || goals.Count == 0) return Invalid("Goals");
        if (goals.Count > Limits.MaxGoals) return Invalid($"Goals: more than {Limits.MaxGoals}");
        for (var i = 0; i < goals.Count; i++)
            if (Text(goals[i], $"Goals[{i}]", Limits.MaxShortText) is { } bad) return bad;
        return null;
    }

    /// <summary>A date before the fact it follows (when that fact is known) is out of order.</summary>
    public static Outcome? NotBefore(DateOnly on, DateOnly? earliest, string field) =>
        earliest is { } first && on < first ? Outcome.Reject(RejectionCode.DateOutOfOrder, field) : null;

    public static Outcome Invalid(string field) => Outcome.Reject(RejectionCode.InvalidInput, field);

    /// <summary>henkilötunnus never enters the process (events, keys, e-mail): refuse any field that
    /// holds one. The shape is enough here; full validation lives with the identity code itself.</summary>
    private static Outcome? IdentityCode(string value, string field) =>
        PersonalIdentityCode.AppearsIn(value) ? Outcome.Reject(RejectionCode.PersonalIdentityCodeNotAllowed, field) : null;

}
