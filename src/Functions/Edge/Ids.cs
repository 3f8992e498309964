namespace Referrals.Functions.Edge;

/// <summary>Referral and attachment ids are made by this service (letters, digits, '-', '_'). Anything
/// else in a URL is answered 404 before it reaches storage, whose keys forbid some characters.</summary>
internal static class Ids
{
    public const int MaxLength = 100;

    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
