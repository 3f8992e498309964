using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Clock;
using Referrals.Functions.Problems;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.Api.Http;

/// <summary>One command on an existing referral, end to end at the HTTP edge: authenticate, check the
/// role (403) and the caller's unit against the referral (404, so existence is not revealed), read the
/// headers and the body (400/413/415), run the command through <see cref="IReferralCommands"/>, and
/// answer with the new state and its version as ETag (or the matching problem).</summary>
public static class CommandEndpoint
{
    public static async Task<IResult> RunAsync<TRequest>(
        HttpContext context, string referralId, Role role, Func<TRequest, Actor, ReferralCommand> toCommand,
        string? idempotencyKey, string? ifMatch, CancellationToken cancellationToken)
        where TRequest : class, IValidatable
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(role)) return Problem.Of(context, 403, "forbidden");
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError) return Problem.Validation(context, [keyError]);

        if (!Ids.IsWellFormed(referralId)) return Problem.Of(context, 404, "not-found");
        var state = await context.RequestServices.GetRequiredService<IReferralReader>().GetAsync(referralId, cancellationToken);
        if (state is null || state.Status == ReferralStatus.None || !ReferralAccess.Covers(caller, role, state))
            return Problem.Of(context, 404, "not-found");

        var (body, problem) = await JsonBody.ReadAsync<TRequest>(context, cancellationToken);
        if (problem is not null) return problem;

        var command = toCommand(body!, caller.As(role, ReferralAccess.UnitFor(role, state)));
        return await ExecuteAsync(context, referralId, command, idempotencyKey, Versions.ExpectedVersion(ifMatch), created: false, cancellationToken);
    }

    /// <summary>Runs a command and turns its result into HTTP. After an accepted (not replayed) command the
    /// clock and courier are told at once rather than at their next poll.</summary>
    public static async Task<IResult> ExecuteAsync(
        HttpContext context, string referralId, ReferralCommand command, string? idempotencyKey, int? expectedVersion,
        bool created, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var result = await services.GetRequiredService<IReferralCommands>()
            .ExecuteAsync(referralId, command, idempotencyKey, expectedVersion, cancellationToken);
        switch (result)
        {
            case CommandResult.Accepted accepted:
                if (!accepted.Replayed && services.GetService<IReferralChangeNotifier>() is { } notifier)
                    await notifier.ReferralChangedAsync(referralId, CancellationToken.None);
                Versions.Stamp(context.Response, accepted.State.Version);
                var view = ReferralView.From(accepted.State, services.GetService<ReferralDecider>());
                return created
                    ? TypedResults.Created($"/api/referrals/{Uri.EscapeDataString(referralId)}", view)
                    : TypedResults.Ok(view);
            case CommandResult.Rejected rejected:
                return RejectionProblems.Of(context, rejected.Rejection);
            case CommandResult.Conflict { PreconditionFailed: true } conflict:
                Versions.Stamp(context.Response, conflict.CurrentVersion);
                return Problem.Of(context, 412, "precondition-failed");
            case CommandResult.Conflict:
                return Problem.Of(context, 409, "conflict");
            default:
                return Problem.Of(context, 404, "not-found");
        }
    }
}
