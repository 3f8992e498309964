using Referrals.Functions.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.FollowUp;

/// <summary>Helsinki's path: the case owner writes the service into the client plan (asiakassuunnitelma, SHL § 39) instead of a
/// separate § 17 decision, where the referral's profile has that path (otherwise 422 client-plan-path-not-available).</summary>
internal static class ServiceInClientPlanHandlers
{
    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Record(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ServiceInClientPlanRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);
}

/// <summary>The plan's date, the service's start and end (none: until the plan says otherwise), what the plan says of the
/// service, the service type (none: the one applied for) and the ESY re-measurement month (6–12), when one is agreed.</summary>
internal sealed record ServiceInClientPlanRequest(DateOnly? AgreedOn, DateOnly? Start, DateOnly? End, string? Content) : CommandRequest
{
    public string? ServiceTypeCode { get; init; }

    public int? EsyRemeasurementMonth { get; init; }

    // The ESY month's range and the dates' order are the domain's rules (422).
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var agreedOn = check.Date("agreedOn", AgreedOn);
        var start = check.Date("start", Start);
        var end = check.OptionalDate("end", End);
        var content = check.Text("content", Content, Fields.LongText);
        var serviceTypeCode = check.OptionalText("serviceTypeCode", ServiceTypeCode, Fields.Id);
        return by => new RecordServiceInClientPlan(agreedOn, start, end, content, serviceTypeCode, EsyRemeasurementMonth) { By = by };
    }
}
