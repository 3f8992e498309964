using Referrals.Functions.Edge;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.Review;

/// <summary>The review body's routes (asiakasohjausryhmä / palvelutiimi): its line, its own lines, its queue, and Espoo's joint assessment.</summary>
internal static class ReviewRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var referrals = app.MapReferralGroup("Review");
        referrals.MapPost("/{id}/review", ReviewHandlers.Review).WithName("ReviewReferral")
            .WithSummary("The review body's line (linjaus): approve, refuse, request information, redirect, transfer").Command<ReviewRequest>();
        referrals.MapGet("/{id}/review-lines", ReviewLines.Get).WithName("GetReviewLines")
            .WithSummary("The caller's review body's own lines on a referral, also after it has moved on (nothing else of the referral)")
            .Produces<IReadOnlyList<ReviewLine>>().WithProblems(401, 403, 404);
        app.MapGroup("/api/review-queue").RequireAuthorization().WithTags("Review")
            .MapGet("", (HttpContext context, string? reviewBody, string? continuation, int? limit, CancellationToken cancellationToken) =>
                ReviewHandlers.Queue(context, reviewBody, continuation, limit, cancellationToken)).WithName("ReviewQueue")
            .WithSummary("A page of the referrals waiting for the caller's review body now, oldest first")
            .WithDescription(RouteMetadata.PagingDescription)
            .Produces<ReferralPage>().WithProblems(400, 401, 403);
        referrals.MapPost("/{id}/joint-assessment", JointAssessmentHandlers.Record).WithName("RecordJointAssessment")
            .WithSummary("The case owner and the team's counsellor assessed the need together (Espoo's step before drafting)")
            .Command<JointAssessmentRequest>();
    }
}
