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
}
