using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Assessment;

/// <summary>yhteisarvio (Espoo): the case owner records the service need assessed together with the team's counsellor,
/// before the first decision is drafted (where the profile has the step; elsewhere 422 joint-assessment-not-available).</summary>
public static class JointAssessmentHandlers
{
    public static Task<IResult> Record(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<JointAssessmentRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordJointAssessment(b.AssessedOn!.Value, b.CounsellorId!, b.Summary!) { By = by }, idempotencyKey, ifMatch, cancellationToken);
}

/// <summary>The day of the joint assessment, the counsellor's user id (of the profile's joint assessment unit; never a name)
/// and what the case owner and the counsellor concluded.</summary>
public sealed record JointAssessmentRequest(DateOnly? AssessedOn, string? CounsellorId, string? Summary) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        Fields.Date("assessedOn", AssessedOn)
            .Concat(Fields.Required("counsellorId", CounsellorId, Fields.ShortText))
            .Concat(Fields.Required("summary", Summary, Fields.LongText));
}
