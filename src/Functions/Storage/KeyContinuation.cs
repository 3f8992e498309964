using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Referrals.Functions.Storage;

/// <summary>The continuation of a listing that pages one partition in RowKey order: the last row key
/// returned and a check over it and the listing's partition, as base64url, opaque to the client. The next
/// page is the range after that key in the same partition, so any token this service issued costs one
/// range query. A token for another listing, a truncated or altered one, fails the check and is refused
/// before storage sees it. (The check needs no secret: a forged token could only start a page at another
/// key of a partition the caller may read anyway.)</summary>
internal static class KeyContinuation
{
    private const int MaxLength = 400;
    private const int CheckBytes = 8;

    public static string Encode(string partition, string lastRowKey)
    {
        var key = Encoding.UTF8.GetBytes(lastRowKey);
        return Base64Url.EncodeToString([.. key, .. Check(partition, key)]);
    }

    /// <summary>The row key after which the page starts, if <paramref name="token"/> is a continuation of
    /// the listing in <paramref name="partition"/> and names a key of the shape <paramref name="isRowKey"/> accepts.</summary>
    public static bool TryDecode(string token, string partition, Func<string, bool> isRowKey, out string lastRowKey)
    {
        lastRowKey = "";
        if (token.Length is 0 or > MaxLength || !Base64Url.IsValid(token)) return false;
        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length <= CheckBytes) return false;
        var key = bytes.AsSpan(0, bytes.Length - CheckBytes);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(bytes.Length - CheckBytes), Check(partition, key))) return false;
        string rowKey;
        try
        {
            rowKey = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(key);
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (!isRowKey(rowKey)) return false;
        lastRowKey = rowKey;
        return true;
    }

    private static byte[] Check(string partition, ReadOnlySpan<byte> key) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes(partition), (byte)'\n', .. key])[..CheckBytes];
}
