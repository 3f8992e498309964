using System.Buffers.Text;
using System.Text;

namespace Referrals.Functions.ReadModels;

/// <summary>The continuation of a listing: where the last page ended (its partition and the last row key
/// returned), as base64url, opaque to the client. The next page is the range after that key in the same
/// partition, so any token this service issued costs one range query; a token for another listing, or
/// one that was tampered with, is refused rather than sent to storage.</summary>
public static class IndexContinuation
{
    private const int MaxLength = 400;

    public static string Encode(string partition, string lastRowKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(partition + "\n" + lastRowKey));

    /// <summary>The row key after which the page starts, if <paramref name="token"/> is a continuation
    /// of the listing in <paramref name="partition"/>.</summary>
    public static bool TryDecode(string token, string partition, out string lastRowKey)
    {
        lastRowKey = "";
        if (token.Length is 0 or > MaxLength || !Base64Url.IsValid(token)) return false;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
        var split = text.IndexOf('\n', StringComparison.Ordinal);
        if (split < 0 || !text.AsSpan(0, split).SequenceEqual(partition)) return false;
        var rowKey = text[(split + 1)..];
        if (!IndexRows.IsRowKey(rowKey)) return false;
        lastRowKey = rowKey;
        return true;
    }
}
