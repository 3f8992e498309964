using Referrals.Functions.Edge;

namespace Referrals.Functions.AccessLog;

/// <summary>The auditors' route: who read a referral's client data.</summary>
internal static class AccessLogRoutes
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapReferralGroup("Access log")
            .MapGet("/{id}/access-log", (HttpContext context, string id, string? continuation, int? limit, CancellationToken cancellationToken) =>
                AccessLogHandlers.ForReferral(context, id, continuation, limit, cancellationToken)).WithName("GetAccessLog")
            .WithSummary("A page of who read the referral's client data (auditors), oldest first").WithDescription(RouteMetadata.PagingDescription)
            .Produces<AccessRecordPage>().WithProblems(400, 401, 403, 404);
}
