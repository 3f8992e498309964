using System.Security.Cryptography;
using System.Text;

namespace Referrals.Functions.Signing;

/// <summary>Signing tokens: 256 random bits (base64url, 43 characters), new for every link. Nothing in a
/// mail or in storage derives them: only their SHA-256 is stored, and the mail's Message-ID is keyed apart.</summary>
internal sealed class SigningTokens
{
    public const int Bytes = 32;

    public string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>What is stored and looked up: the token itself is never kept.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Shape check before any lookup: 43 base64url characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
