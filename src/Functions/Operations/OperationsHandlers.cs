using Referrals.Functions.Commands;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;

namespace Referrals.Functions.Operations;

/// <summary>Operators run the service: they see parked mail (never client data), and nobody else does.</summary>
internal static class OperationsHandlers
{
    public static async Task<IResult> ParkedMail(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.Operator)) return Problem.Of(context, 403, "forbidden");
        return TypedResults.Ok(await context.RequestServices.GetRequiredService<IParkedMail>().ListAsync(cancellationToken));
    }

    /// <summary>Sends the referral's parked mail again (all of it, or the outbox row <paramref name="row"/>),
    /// once the cause is fixed. Audited: the operator, the route and the referral go in the referral's
    /// access log before anything moves.</summary>
    public static async Task<IResult> RequeueParkedMail(HttpContext context, string referralId, string? row, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.Operator)) return Problem.Of(context, 403, "forbidden");
        if (!Ids.IsWellFormed(referralId) || (row is not null && !IsOutboxRow(row))) return Problem.Of(context, 404, "not-found");
        await ClientDataReads.RecordAsync(context, caller, Role.Operator, OperationsUnit, referralId, cancellationToken);
        var requeued = await context.RequestServices.GetRequiredService<IParkedMail>().RequeueAsync(referralId, row, cancellationToken);
        if (requeued.Count == 0) return Problem.Of(context, 404, "not-found");
        return TypedResults.Ok(new RequeuedMail(referralId, requeued));
    }

    /// <summary>The unit an operator's access-log rows name: operators act for the service, not a unit.</summary>
    public const string OperationsUnit = "operations";

    private static bool IsOutboxRow(string row) =>
        row.StartsWith(Commands.ReferralRows.OutboxPrefix, StringComparison.Ordinal) && Ids.IsWellFormed(row);
}

/// <summary>The outbox rows of a referral that were put back in its outbox.</summary>
internal sealed record RequeuedMail(string ReferralId, IReadOnlyList<string> Requeued);
