namespace Referrals.Functions.Signing;

/// <summary>The leader's signing link. The secret makes the token for a mail unguessable yet the same
/// on every retry of that mail (token = HMAC(secret, outbox row id)); only its SHA-256 is stored.
/// The link starts with Mail:PublicBaseUrl, like every other link in mail.</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>At least 32 characters; rotating it invalidates links already sent.</summary>
    public string? LinkSecret { get; set; }

    public int ExpiryDays { get; set; } = 14;

    /// <summary>Production: the POST also needs a signed-in leader (the platform's sign-in populates the
    /// user) whose role is Signer and whose units include the intended signer unit.</summary>
    public bool RequireSignedInSigner { get; set; }
}
