using Referrals.Functions.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Review;

/// <summary>yhteisarvio (Espoo): the case owner records the service need assessed together with the team's counsellor,
/// before the first decision is drafted (where the profile has the step; elsewhere 422 joint-assessment-not-available).</summary>
internal static class JointAssessmentHandlers
{
    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Record(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<JointAssessmentRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);
}

/// <summary>The day of the joint assessment, the counsellor's user id (of the profile's joint assessment unit; never a name)
/// and what the case owner and the counsellor concluded.</summary>
internal sealed record JointAssessmentRequest(DateOnly? AssessedOn, string? CounsellorId, string? Summary) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var assessedOn = check.Date("assessedOn", AssessedOn);
        var counsellorId = check.Text("counsellorId", CounsellorId, Fields.ShortText);
        var summary = check.Text("summary", Summary, Fields.LongText);
        return by => new RecordJointAssessment(assessedOn, counsellorId, summary) { By = by };
    }
}
