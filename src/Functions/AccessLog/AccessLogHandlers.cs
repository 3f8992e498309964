using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Functions.Edge;

namespace Referrals.Functions.AccessLog;

/// <summary>Act 703/2023: an auditor of the referring unit sees who read the referral's client data.
/// Reading the log is itself logged.</summary>
internal static class AccessLogHandlers
{
    private static readonly IReadOnlyList<Role> Auditors = [Role.Auditor];

    /// <summary>A page of the log, oldest first (<see cref="Paging"/>).</summary>
    public static async Task<IResult> ForReferral(
        HttpContext context, string id, string? continuation, int? limit, CancellationToken cancellationToken)
    {
        var (_, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken, Auditors);
        if (denied is not null) return denied;
        if (Paging.Validate(limit, continuation).ToList() is { Count: > 0 } errors) return Problem.Validation(context, errors);
        var page = await context.RequestServices.GetRequiredService<IAccessLog>().ForReferralAsync(id, continuation, Paging.LimitOr(limit), cancellationToken);
        return page is null ? Paging.InvalidContinuation(context) : Paging.Ok(context, page, limit, (p, c, n) => new AccessRecordPage(p, c, n));
    }

    /// <summary>The log with the paging read from the query string (the Azure Functions trigger's entry).</summary>
    public static Task<IResult> ForReferral(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (continuation, limit) = Paging.FromQuery(context.Request.Query);
        return ForReferral(context, id, continuation, limit, cancellationToken);
    }
}

/// <summary>A page of the access log. <see cref="Continuation"/> and <see cref="Next"/> are null on the last page.</summary>
internal sealed record AccessRecordPage(IReadOnlyList<AccessRecord> Items, string? Continuation, string? Next);
