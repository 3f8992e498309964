namespace Referrals.Functions.Signing;

/// <summary>What a signing link allows: signing or returning one draft version of one referral, by the
/// signer of one unit, until it expires or is used. Stored under the SHA-256 of the token, never the token.</summary>
internal sealed record SigningGrant(
    string TokenHash, string ReferralId, int DraftVersion, string SignerUnit, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary>Storage of signing grants (Table <c>SigningLinks</c>; one row per token hash).</summary>
internal interface ISigningGrants
{
    /// <summary>Stores the grant unless one exists for the hash; returns the stored one (so a retried mail
    /// keeps the first expiry).</summary>
    Task<SigningGrant> IssueAsync(SigningGrant grant, CancellationToken cancellationToken = default);

    Task<SigningGrant?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    Task MarkUsedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);
}
