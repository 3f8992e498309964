namespace Referrals.Functions.Signing;

/// <summary>The leader's signing link: a random token (only its SHA-256 is stored) bound to the referral,
/// the draft version and the signer unit, and usable only by a signed-in signer of that unit
/// (<see cref="SignerSignInOptions"/>). The link starts with Mail:PublicBaseUrl, like every other link in mail.</summary>
internal sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>At least 32 characters: the key of the mails' opaque Message-IDs (HMAC of the outbox row,
    /// so a re-sent mail keeps its Message-ID while it names no referral or row).</summary>
    public string? LinkSecret { get; set; }

    public int ExpiryDays { get; set; } = 14;
}
