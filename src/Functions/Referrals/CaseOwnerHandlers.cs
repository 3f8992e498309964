using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Referrals;

/// <summary>vastuutyöntekijän vaihto (SHL § 42): the unit's signer (its leader) or the current case owner hands the referral
/// over to another worker of the unit, with a reason. A signer of the unit acts as the leader; a worker of the unit who is not
/// the case owner is told so (403 not-the-case-owner).</summary>
internal static class CaseOwnerHandlers
{
    private static readonly Role[] Roles = [Role.Signer, Role.ReferringWorker];

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Change(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<CaseOwnerChangeRequest>(context, id, headers, Roles, cancellationToken);
}

/// <summary>The new case owner's user id (as the county's directory gives it, never a name or an identity code) and why the
/// case owner changes.</summary>
internal sealed record CaseOwnerChangeRequest(string? NewOwner, string? Reason) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var newOwner = check.Text("newOwner", NewOwner, Fields.Id);
        var reason = check.Text("reason", Reason, Fields.LongText);
        return by => new ChangeCaseOwner(newOwner, reason) { By = by };
    }
}
