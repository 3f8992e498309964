namespace Referrals.Functions.Auth;

/// <summary>How callers prove who they are. Production: Entra ID tokens (authority and audience from
/// configuration; app roles in <c>roles</c>). Development: tokens signed with a local symmetric key, minted
/// by <c>dotnet run --project src/Functions -- mint-token</c>, so a newcomer can curl the API in minutes.</summary>
internal sealed class AuthOptions
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

    /// <summary>The claim that carries the caller's grants, each <c>Role:unit</c> (see <see cref="Grant"/>):
    /// "role" in development tokens, "roles" for Entra app roles.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claims with the person's display name and job title, printed on the decisions they prepare
    /// ("name" and "title"; for Entra ID add the optional claims, or map jobTitle to "title").</summary>
    public string NameClaim { get; set; } = "name";

    public string TitleClaim { get; set; } = "title";

    /// <summary>The claim with the caller's Entra ID group object ids ("groups").</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Entra ID groups as grants: group object id → grants (<c>Role:unit</c>), e.g.
    /// <c>"Auth:GroupGrants:1b2c…": ["ReferringWorker:vantaa-adult-social-work"]</c>.</summary>
    public Dictionary<string, string[]> GroupGrants { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The longest lifetime a token may have: one whose exp − iat, or exp − now, is longer is refused.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The clock skew allowed on exp and nbf.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public bool IsDevelopment => string.Equals(Mode, "Development", StringComparison.OrdinalIgnoreCase);
}
