using Referrals.Functions.Edge;

namespace Referrals.Functions.Referrals;

/// <summary>The referring unit's routes: submit, list, read, answer a request for information, withdraw, change the case owner.</summary>
internal static class ReferralRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var referrals = app.MapReferralGroup("Referrals");
        referrals.MapPost("", ReferralHandlers.Submit).WithName("SubmitReferral")
            .WithSummary("Submit a referral (hakemus)").Accepts<SubmitReferralRequest>("application/json")
            .WithProblems(400, 401, 403, 409, 413, 415, 422);
        referrals.MapGet("", ReferralHandlers.List).WithName("ListReferrals")
            .WithSummary("A page of one of the caller's units' referrals, newest first, optionally in one status")
            .WithDescription(RouteMetadata.PagingDescription)
            .Produces<ReferralPage>().WithProblems(400, 401, 403);
        referrals.MapGet("/{id}", ReferralHandlers.Get).WithName("GetReferral")
            .WithSummary("A referral: state, due dates, decision status, follow-up")
            .WithDescription("The service provider the service is assigned to gets instead its limited view (ProviderReferralView: "
                + "the service, its start and end, its reports and plan; no client data); access-logged.")
            .WithProblems(401, 403, 404);
        referrals.MapGet("/{id}/timeline", ReferralHandlers.Timeline).WithName("GetTimeline")
            .WithSummary("The event history, oldest first").WithProblems(401, 403, 404);
        referrals.MapPost("/{id}/information", ReferralHandlers.SupplementInformation).WithName("SupplementInformation")
            .WithSummary("Answer the review body's request for more information").Command<SupplementInformationRequest>();
        referrals.MapPost("/{id}/withdrawal", ReferralHandlers.Withdraw).WithName("WithdrawReferral")
            .WithSummary("Withdraw the referral before a decision is signed").Command<WithdrawReferralRequest>();
        referrals.MapPost("/{id}/case-owner", CaseOwnerHandlers.Change).WithName("ChangeCaseOwner")
            .WithSummary("Change the case owner (vastuutyöntekijän vaihto, SHL § 42) with a reason: the unit's signer or the current case owner; "
                + "the case owner's reminders and mail go to the new owner from then on").Command<CaseOwnerChangeRequest>();
    }
}
