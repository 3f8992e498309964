using System.Security.Cryptography;
using System.Text;

namespace Referrals.Functions.Edge;

/// <summary>Ids derived from an <c>Idempotency-Key</c> (<see cref="CommandHeaders"/>), so that a retried
/// submission or upload addresses what the first one made.</summary>
internal static class IdempotencyKeys
{
    public const string Header = CommandHeaders.IdempotencyKeyHeader;

    /// <summary>A submission's referral id, derived from the caller and their key so that a retried
    /// submit addresses the same referral (and is answered from the first result); random without a key.</summary>
    public static string ReferralIdFor(string userId, string? key)
    {
        if (key is null) return "r-" + Guid.NewGuid().ToString("N");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{key}"));
        return "r-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>An attachment's id, derived from the referral and the key so that a retried upload
    /// addresses the same blob (written once); null without a key (the store picks a random id).</summary>
    public static string? AttachmentIdFor(string referralId, string? key)
    {
        if (key is null) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{referralId}\n{key}"));
        return "a-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
