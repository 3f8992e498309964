using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;

namespace Referrals.Functions.Auth;

/// <summary>One thing a caller may do: act in <paramref name="Role"/> for <paramref name="Unit"/> (a referring
/// unit, or a review body for its members). <c>Unit</c> is empty only for roles that hold no unit (Operator).</summary>
internal sealed record Grant(Role Role, string Unit)
{
    /// <summary>The claim value of a grant: <c>Role:unit</c> (e.g. <c>ReferringWorker:vantaa-adult-social-work</c>),
    /// or just <c>Role</c> for a role without a unit (<c>Operator</c>).</summary>
    public override string ToString() => Unit.Length == 0 ? Role.ToString() : $"{Role}:{Unit}";

    /// <summary>Parses a claim value; null for anything that is not a known role (optionally with a unit).
    /// The System role is never granted by a token: only the clock acts as the system.</summary>
    public static Grant? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var colon = value.IndexOf(':');
        var roleText = colon < 0 ? value : value[..colon];
        var unit = colon < 0 ? "" : value[(colon + 1)..];
        if (roleText.Length == 0 || !roleText.All(char.IsAsciiLetter) || !Enum.TryParse<Role>(roleText, ignoreCase: false, out var role)
            || role == Role.System || !Enum.IsDefined(role))
            return null;
        if (colon >= 0 && (unit.Length == 0 || unit.Length > 64 || !unit.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            return null;
        return new Grant(role, unit);
    }
}

/// <summary>The authenticated person behind a request: their user id (<c>sub</c>) and their grants, each a
/// (role, unit) pair. Roles and units are never combined across grants: a worker in A and an auditor in B
/// is not a worker in B.</summary>
internal sealed record Caller(string UserId, IReadOnlySet<Grant> Grants)
{
    /// <summary>The person's display name and job title from the token (<c>Auth:NameClaim</c>, <c>Auth:TitleClaim</c>),
    /// for the decisions they prepare; null when the token carries none. Never logged.</summary>
    public string? Name { get; init; }

    public string? Title { get; init; }

    /// <summary>Whether the caller holds <paramref name="role"/> in any unit (the 403 check before a unit is known).</summary>
    public bool Has(Role role) => Grants.Any(g => g.Role == role);

    /// <summary>Whether the caller may act in <paramref name="role"/> for <paramref name="unit"/>.</summary>
    public bool Holds(Role role, string? unit) =>
        !string.IsNullOrEmpty(unit) && Grants.Contains(new Grant(role, unit));

    /// <summary>The units in which the caller holds <paramref name="role"/>.</summary>
    public IReadOnlyList<string> UnitsFor(Role role) =>
        Grants.Where(g => g.Role == role && g.Unit.Length > 0).Select(g => g.Unit).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The one unit the caller holds in any of <paramref name="roles"/>, or null when none or several
    /// (the caller must then name it).</summary>
    public string? SingleUnitFor(params Role[] roles)
    {
        var units = roles.SelectMany(UnitsFor).Distinct(StringComparer.Ordinal).ToList();
        return units.Count == 1 ? units[0] : null;
    }

    public Actor As(Role role, string unit) => new(UserId, role, unit);

    /// <summary>The caller of this request, or null when not authenticated.</summary>
    public static Caller? Of(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        return From(context.User, options);
    }

    /// <summary>Grants come from the role claim (<c>Auth:RoleClaim</c>: <c>role</c> in development tokens,
    /// <c>roles</c> for Entra ID app roles), each value <c>Role:unit</c>; and, for Entra ID groups, from
    /// <c>Auth:GroupGrants</c>, which maps a group's object id (in the <c>groups</c> claim) to grants.</summary>
    public static Caller? From(ClaimsPrincipal user, AuthOptions options)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var sub = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrWhiteSpace(sub)) return null;
        var values = user.FindAll(options.RoleClaim).Select(c => c.Value).ToList();
        foreach (var group in user.FindAll(options.GroupsClaim))
        {
            if (options.GroupGrants.TryGetValue(group.Value, out var granted)) values.AddRange(granted);
        }
        var grants = values.Select(Grant.Parse).OfType<Grant>().ToHashSet();
        return new Caller(sub, grants)
        {
            Name = NonBlank(user.FindFirst(options.NameClaim)?.Value),
            Title = NonBlank(user.FindFirst(options.TitleClaim)?.Value),
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
