using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Referrals;

/// <summary>vastuutyöntekijän vaihto (SHL § 42): the unit's signer (its leader) or the current case owner hands the referral
/// over to another worker of the unit, with a reason. A signer of the unit acts as the leader; a worker of the unit who is not
/// the case owner is told so (403 not-the-case-owner).</summary>
public static class CaseOwnerHandlers
{
    private static readonly Role[] Roles = [Role.Signer, Role.ReferringWorker];

    public static Task<IResult> Change(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<CaseOwnerChangeRequest>(context, id, Roles,
            (b, by) => new ChangeCaseOwner(b.NewOwner!, b.Reason!) { By = by }, idempotencyKey, ifMatch, cancellationToken);
}

/// <summary>The new case owner's user id (as the county's directory gives it, never a name or an identity code) and why the
/// case owner changes.</summary>
public sealed record CaseOwnerChangeRequest(string? NewOwner, string? Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        Fields.Required("newOwner", NewOwner, Fields.Id).Concat(Fields.Required("reason", Reason, Fields.LongText));
}
