using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Referrals.Functions.Edge;

/// <summary>Reads the headers and query values that the standalone host's parameter binding supplies
/// to the handlers, with the same outcome for a malformed value (a 400 bad request).</summary>
internal static class RequestValues
{
    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>The <c>Idempotency-Key</c> header of a POST.</summary>
    public static string? IdempotencyKey(HttpRequest request) => Header(request, Edge.IdempotencyKeys.Header);

    public static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>Absent → null; present but not an integer → <see cref="BadHttpRequestException"/> (400),
    /// as minimal API binding throws with <c>ThrowOnBadRequest</c>.</summary>
    public static int? OptionalInt(HttpRequest request, string name)
    {
        var value = Query(request, name);
        if (string.IsNullOrEmpty(value)) return null;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new BadHttpRequestException($"Query value {name} is not an integer.", StatusCodes.Status400BadRequest);
    }
}
