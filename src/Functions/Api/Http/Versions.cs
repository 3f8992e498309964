using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Referrals.Functions.Api.Http;

/// <summary>The referral's version (its event count) as an HTTP entity tag, so that a client can say
/// "only if nobody changed it since I read it" with If-Match and get 412 otherwise.</summary>
public static class Versions
{
    public static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Stamp(HttpResponse response, int version) => response.Headers.ETag = ETagOf(version);

    /// <summary>Null when there is no If-Match (or it is <c>*</c>); -1 when it names no version of ours,
    /// which never matches and so gives 412.</summary>
    public static int? ExpectedVersion(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return null;
        var value = ifMatch.Trim();
        if (value == "*") return null;
        if (!EntityTagHeaderValue.TryParse(value, out var tag)) return -1;
        var inner = tag.Tag.Value?.Trim('"');
        return int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }
}
