using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;

namespace Referrals.Functions.Auth;

/// <summary>The authenticated person behind a request: their user id (<c>sub</c>), roles and units.
/// The System role is never taken from a token: only the clock acts as the system.</summary>
public sealed record Caller(string UserId, IReadOnlySet<Role> Roles, IReadOnlySet<string> Units)
{
    public bool Has(Role role) => Roles.Contains(role);

    public bool BelongsTo(string? unit) => !string.IsNullOrEmpty(unit) && Units.Contains(unit);

    public Actor As(Role role, string unit) => new(UserId, role, unit);

    /// <summary>The caller of this request, or null when not authenticated.</summary>
    public static Caller? Of(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        return From(context.User, options);
    }

    public static Caller? From(ClaimsPrincipal user, AuthOptions options)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var sub = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrWhiteSpace(sub)) return null;
        var roles = user.FindAll(options.RoleClaim)
            .Select(c => c.Value.All(char.IsAsciiLetter) && Enum.TryParse<Role>(c.Value, ignoreCase: false, out var r) ? r : (Role?)null)
            .Where(r => r is not null && r != Role.System && Enum.IsDefined(r.Value))
            .Select(r => r!.Value)
            .ToHashSet();
        var units = user.FindAll(options.UnitsClaim).Select(c => c.Value).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
        return new Caller(sub, roles, units);
    }
}
