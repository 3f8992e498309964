using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Edge;
using Referrals.Functions.Commands;

namespace Referrals.Functions.AccessLog;

/// <summary>The one way a handler reads a referral's client data: authenticate, authorise (role + unit,
/// 404 outside the caller's units), and write the access-log row before anything is returned.</summary>
internal static class ClientDataReads
{
    public sealed record Granted(Caller Caller, Role Role, ReferralState State);

    public static async Task<(Granted? Access, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Denied)> OpenAsync(
        HttpContext context, string referralId, CancellationToken cancellationToken, IReadOnlyList<Role>? roles = null)
    {
        var caller = Caller.Of(context);
        if (caller is null) return (null, Problem.Of(context, 401, "unauthorized"));
        var allowed = roles ?? ReferralAccess.Readers;
        if (!allowed.Any(caller.Has)) return (null, Problem.Of(context, 403, "forbidden"));

        if (!Ids.IsWellFormed(referralId)) return (null, Problem.Of(context, 404, "not-found"));
        var state = await context.RequestServices.GetRequiredService<IReferralReader>().GetAsync(referralId, cancellationToken);
        var role = state is null || state.Status == ReferralStatus.None
            ? null
            : ReferralAccess.RoleFor(caller, allowed, state);
        if (state is null || role is null) return (null, Problem.Of(context, 404, "not-found"));

        await RecordAsync(context, caller, role.Value, ReferralAccess.UnitFor(role.Value, state), referralId, cancellationToken);
        return (new Granted(caller, role.Value, state), null);
    }

    /// <summary>Access-log row: who, in which role and unit, which referral, which route (the route
    /// template, never the concrete path, so no link token or query ends up in the log).</summary>
    public static Task RecordAsync(HttpContext context, Caller caller, Role role, string unit, string referralId, CancellationToken cancellationToken)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var route = $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "?"}";
        return context.RequestServices.GetRequiredService<IAccessLog>()
            .RecordAsync(new AccessRecord(referralId, caller.UserId, role.ToString(), unit, route, now), cancellationToken);
    }
}
