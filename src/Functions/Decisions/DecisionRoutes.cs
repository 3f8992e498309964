using Referrals.Functions.Edge;

namespace Referrals.Functions.Decisions;

/// <summary>The decision's routes: drafts, the document, its notification to the client, a request for review and its decision.</summary>
internal static class DecisionRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var referrals = app.MapReferralGroup("Decisions");
        referrals.MapPost("/{id}/decision-draft", DecisionHandlers.Draft).WithName("DraftDecision")
            .WithSummary("A new decision draft version; the signer is sent a signing link").Command<DecisionDraftRequest>();
        referrals.MapGet("/{id}/decision", DecisionHandlers.Document).WithName("GetDecision")
            .WithSummary("The signed decision, or else the current draft, as HTML")
            .WithProblems(401, 403, 404);
        referrals.MapPost("/{id}/decision-notification", NotificationHandlers.RecordNotification).WithName("RecordDecisionNotification")
            .WithSummary("The signed decision was sent to the client (tiedoksianto): letter, electronic or in person, and the sending date")
            .WithDescription("The deemed notification day and the last day of the review period follow by law: a letter on the 7th day after sending (HL § 59), "
                + "electronic notification on the 3rd day (Act 13/2003 § 19), in person the same day; 30 days for a request for review, counted with Act 150/1930.")
            .Command<NotificationRequest>();
        referrals.MapPost("/{id}/request-for-review", NotificationHandlers.RecordRequestForReview).WithName("RecordRequestForReview")
            .WithSummary("A request for review (oikaisuvaatimus) of the decision arrived; one in time stops the decision becoming final")
            .Command<RequestForReviewRequest>();
        referrals.MapPost("/{id}/request-for-review/decision", NotificationHandlers.RecordRequestForReviewDecision).WithName("RecordRequestForReviewDecision")
            .WithSummary("The review body's decision on the request for review: upheld, changed, annulled or dismissed")
            .Command<RequestForReviewDecisionRequest>();
    }
}
