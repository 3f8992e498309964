namespace Referrals.Functions.Auth;

/// <summary>How callers prove who they are. Production: Entra ID tokens (authority and audience from
/// configuration; app roles in <c>roles</c>). Development: tokens signed with a local symmetric key, minted
/// by <c>dotnet run --project src/Functions -- mint-token</c>, so a newcomer can curl the API in minutes.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>"Development" (local symmetric key) or "EntraId".</summary>
    public string Mode { get; set; } = "EntraId";

    /// <summary>Development only: the symmetric signing key (at least 32 characters).</summary>
    public string? SigningKey { get; set; }

    /// <summary>Entra ID: e.g. https://login.microsoftonline.com/{tenant}/v2.0.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "referrals-dev";

    public string Audience { get; set; } = "referrals-api";

    /// <summary>The claim that names the caller's role(s): "role" in development tokens, "roles" for Entra app roles.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim listing the caller's units (referring units, or review bodies for their members).</summary>
    public string UnitsClaim { get; set; } = "units";

    public bool IsDevelopment => string.Equals(Mode, "Development", StringComparison.OrdinalIgnoreCase);
}
