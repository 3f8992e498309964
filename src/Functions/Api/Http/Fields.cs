using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Http;

/// <summary>Small checks shared by the request bodies.</summary>
public static class Fields
{
    /// <summary>Free text such as reasons, summaries, notes.</summary>
    public const int LongText = 8000;

    public static IEnumerable<FieldError> Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) yield return new FieldError(field, "field.required");
        else if (value.Length > maxLength) yield return new FieldError(field, "field.too-long");
    }

    public static IEnumerable<FieldError> Optional(string field, string? value, int maxLength)
    {
        if (value is { } v && v.Length > maxLength) yield return new FieldError(field, "field.too-long");
    }

    public static IEnumerable<FieldError> Present<T>(string field, T? value) where T : struct
    {
        if (value is null) yield return new FieldError(field, "field.required");
    }

    /// <summary>Dates a referral can sensibly carry. Far-off dates are refused here so that date
    /// arithmetic in the process (deadlines, months ahead) can never overflow.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1), LatestDate = new(2200, 12, 31);

    public static IEnumerable<FieldError> Date(string field, DateOnly? value, bool required = true)
    {
        if (value is null) { if (required) yield return new FieldError(field, "field.required"); }
        else if (value < EarliestDate || value > LatestDate) yield return new FieldError(field, "field.invalid");
    }

    public static IEnumerable<FieldError> Within(string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max)) yield return new FieldError(field, "field.invalid");
    }
}
