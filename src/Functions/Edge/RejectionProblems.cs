using Microsoft.AspNetCore.Http;
using Referrals.Domain.Common;
using Referrals.Functions.Text;

namespace Referrals.Functions.Edge;

/// <summary>How the process's rejections become HTTP: 409 when the referral's step does not allow the
/// command, 403 for a role the process refuses, 404 when there is nothing, 422 for valid JSON that the
/// process rejects on its merits. The type is the rejection code, which is stable by contract.</summary>
internal static class RejectionProblems
{
    public static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.NotSubmitted => StatusCodes.Status404NotFound,
        RejectionCode.NotPermitted or RejectionCode.NotTheDecisionMaker or RejectionCode.NotTheCaseOwner => StatusCodes.Status403Forbidden,
        RejectionCode.AlreadySubmitted or RejectionCode.InvalidState or RejectionCode.DraftVersionMismatch
            or RejectionCode.DecisionAlreadySigned or RejectionCode.ReferralEnded
            or RejectionCode.NotificationAlreadyRecorded or RejectionCode.DecisionFinal
            or RejectionCode.RequestForReviewAlreadyRecorded or RejectionCode.NoOpenRequestForReview
            or RejectionCode.JointAssessmentMissing => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Of(HttpContext context, Rejection rejection)
    {
        if (rejection.Code == RejectionCode.NotSubmitted) return Problem.Of(context, 404, "not-found");
        var result = Problem.Of(context, StatusOf(rejection.Code), Problem.Kebab(rejection.Code.ToString()),
            rejection.Detail, $"rejection.{rejection.Code}");
        return result;
    }

    /// <summary>The message a social worker reads for a rejection, in the caller's language.</summary>
    public static string Message(HttpContext context, Rejection rejection) =>
        ApiTexts.Get($"rejection.{rejection.Code}", ApiTexts.LanguageOf(context.Request));
}
