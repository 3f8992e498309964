using Referrals.Domain.Common;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Http;

/// <summary>Small checks shared by the request bodies.</summary>
public static class Fields
{
    /// <summary>Free text such as reasons, summaries, notes (the domain's limit).</summary>
    public const int LongText = Limits.MaxText;

    /// <summary>Ids and codes (the domain's limit).</summary>
    public const int Id = Limits.MaxId;

    /// <summary>One line of text (the domain's limit).</summary>
    public const int ShortText = Limits.MaxShortText;

    /// <summary>Text fields: required, bounded, and free of invisible characters (<see cref="Characters"/>).</summary>
    public static IEnumerable<FieldError> Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) yield return new FieldError(field, "field.required");
        else if (value.Length > maxLength) yield return new FieldError(field, "field.too-long");
        else if (Characters(field, value, maxLength >= LongText) is { } bad) yield return bad;
    }

    public static IEnumerable<FieldError> Optional(string field, string? value, int maxLength)
    {
        if (value is { } v && v.Length > maxLength) yield return new FieldError(field, "field.too-long");
        else if (value is not null && Characters(field, value, maxLength >= LongText) is { } bad) yield return bad;
    }

    /// <summary>Control characters (C0, DEL, C1) are refused, except newline and tab (and a CR before a
    /// newline) in long text; so are the bidirectional embedding, override and isolate characters
    /// (U+202A–U+202E, U+2066–U+2069), which make text read differently from what it says.</summary>
    public static FieldError? Characters(string field, string value, bool longText)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsBidiControl(c)) return new FieldError(field, "field.bidi-characters");
            if (!char.IsControl(c)) continue;
            var allowed = longText && (c is '\n' or '\t' || (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n'));
            if (!allowed) return new FieldError(field, "field.control-characters");
        }
        return null;
    }

    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static IEnumerable<FieldError> Present<T>(string field, T? value) where T : struct
    {
        if (value is null) yield return new FieldError(field, "field.required");
    }

    /// <summary>Dates a referral can sensibly carry. Far-off dates are refused here so that date
    /// arithmetic in the process (deadlines, months ahead) can never overflow.</summary>
    public static readonly DateOnly EarliestDate = Limits.EarliestDate, LatestDate = Limits.LatestDate;

    public static IEnumerable<FieldError> Date(string field, DateOnly? value, bool required = true)
    {
        if (value is null) { if (required) yield return new FieldError(field, "field.required"); }
        else if (value < EarliestDate || value > LatestDate) yield return new FieldError(field, "field.invalid");
    }

}
