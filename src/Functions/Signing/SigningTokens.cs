using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Signing;

/// <summary>Signing tokens: 256 bits from HMAC-SHA256(secret, referral id + outbox row id), base64url.
/// Unguessable without the secret, the same for every retry of one mail (so a re-sent mail is
/// identical), and different for every referral (outbox row ids are numbered per referral).</summary>
public sealed class SigningTokens(IOptions<SigningOptions> options)
{
    private readonly byte[] secret = Encoding.UTF8.GetBytes(
        options.Value.LinkSecret is { Length: >= 32 } s ? s : throw new InvalidOperationException("Signing:LinkSecret (at least 32 characters) is required."));

    public string ForOutboxRow(string referralId, string outboxRowId) =>
        Base64Url(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"signing-link\n{referralId}\n{outboxRowId}")));

    /// <summary>What is stored and looked up: the token itself is never kept.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Shape check before any lookup: 43 base64url characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
