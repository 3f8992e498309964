using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Api.Http;

namespace Referrals.Functions.Api.AccessLog;

/// <summary>Act 703/2023: an auditor of the referring unit sees who read the referral's client data.
/// Reading the log is itself logged.</summary>
public static class AccessLogHandlers
{
    private static readonly IReadOnlyList<Role> Auditors = [Role.Auditor];

    public static async Task<IResult> ForReferral(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (_, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken, Auditors);
        if (denied is not null) return denied;
        return TypedResults.Ok(await context.RequestServices.GetRequiredService<IAccessLog>().ForReferralAsync(id, cancellationToken));
    }
}
