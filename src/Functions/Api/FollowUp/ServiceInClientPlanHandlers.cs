using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.FollowUp;

/// <summary>Helsinki's path: the case owner writes the service into the client plan (asiakassuunnitelma, SHL § 39) instead of a
/// separate § 17 decision, where the referral's profile has that path (otherwise 422 client-plan-path-not-available).</summary>
public static class ServiceInClientPlanHandlers
{
    public static Task<IResult> Record(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ServiceInClientPlanRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordServiceInClientPlan(b.AgreedOn!.Value, b.Start!.Value, b.End, b.Content!, b.ServiceTypeCode, b.EsyRemeasurementMonth) { By = by },
            idempotencyKey, ifMatch, cancellationToken);
}

/// <summary>The plan's date, the service's start and end (none: until the plan says otherwise), what the plan says of the
/// service, the service type (none: the one applied for) and the ESY re-measurement month (6–12), when one is agreed.</summary>
public sealed record ServiceInClientPlanRequest(DateOnly? AgreedOn, DateOnly? Start, DateOnly? End, string? Content) : IValidatable
{
    public string? ServiceTypeCode { get; init; }

    public int? EsyRemeasurementMonth { get; init; }

    // The ESY month's range and the dates' order are the domain's rules (422).
    public IEnumerable<FieldError> Validate() =>
        Fields.Date("agreedOn", AgreedOn).Concat(Fields.Date("start", Start)).Concat(Fields.Date("end", End, required: false))
            .Concat(Fields.Required("content", Content, Fields.LongText))
            .Concat(Fields.Optional("serviceTypeCode", ServiceTypeCode, Fields.Id));
}
