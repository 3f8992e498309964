using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Problems;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.Api.Http;

/// <summary>One command on an existing referral, end to end at the HTTP edge: authenticate, check the
/// role (403), read the headers and the body (400/413/415), run the command (the caller's unit is checked
/// against the referral inside the command path's one read: 404, so existence is not revealed) through <see cref="IReferralCommands"/>, and
/// answer with the new state and its version as ETag (or the matching problem).</summary>
public static class CommandEndpoint
{
    public static Task<IResult> RunAsync<TRequest>(
        HttpContext context, string referralId, Role role, Func<TRequest, Actor, ReferralCommand> toCommand,
        string? idempotencyKey, string? ifMatch, CancellationToken cancellationToken)
        where TRequest : class, IValidatable =>
        RunAsync(context, referralId, [role], toCommand, idempotencyKey, ifMatch, cancellationToken);

    /// <summary>A command that any of <paramref name="roles"/> may give: the caller acts in the first of them whose
    /// unit owns the referral's step (e.g. the case owner, or the provider unit the service is assigned to).</summary>
    public static async Task<IResult> RunAsync<TRequest>(
        HttpContext context, string referralId, IReadOnlyList<Role> roles, Func<TRequest, Actor, ReferralCommand> toCommand,
        string? idempotencyKey, string? ifMatch, CancellationToken cancellationToken)
        where TRequest : class, IValidatable
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!roles.Any(caller.Has)) return Problem.Of(context, 403, "forbidden");
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError) return Problem.Validation(context, [keyError]);

        if (!Ids.IsWellFormed(referralId)) return Problem.Of(context, 404, "not-found");
        var (body, problem) = await JsonBody.ReadAsync<TRequest>(context, cancellationToken);
        if (problem is not null) return problem;

        // The caller's unit is checked against the state the command path reads anyway: one read per command.
        ReferralCommand? CommandFor(ReferralState state) =>
            state.Status != ReferralStatus.None && roles.Where(caller.Has).Cast<Role?>().FirstOrDefault(r => ReferralAccess.Covers(caller, r!.Value, state)) is { } role
                ? toCommand(body!, caller.As(role, ReferralAccess.UnitFor(role, state)))
                : null;
        return await ExecuteAsync(context, referralId, CommandFor, idempotencyKey, Versions.ExpectedVersion(ifMatch), created: false, cancellationToken);
    }

    public static Task<IResult> ExecuteAsync(
        HttpContext context, string referralId, ReferralCommand command, string? idempotencyKey, int? expectedVersion,
        bool created, CancellationToken cancellationToken) =>
        ExecuteAsync(context, referralId, _ => command, idempotencyKey, expectedVersion, created, cancellationToken);

    /// <summary>Runs a command and turns its result into HTTP.</summary>
    /// <remarks>The command path itself tells the clock and courier after it commits.</remarks>
    /// <param name="onAccepted">Work that follows the commit, before the answer (a replay included), e.g. the
    /// client record write that a correction's event records.</param>
    public static async Task<IResult> ExecuteAsync(
        HttpContext context, string referralId, Func<ReferralState, ReferralCommand?> commandFor, string? idempotencyKey,
        int? expectedVersion, bool created, CancellationToken cancellationToken, Func<CommandResult.Accepted, Task>? onAccepted = null)
    {
        var services = context.RequestServices;
        var caller = Caller.Of(context);
        var fingerprint = idempotencyKey is null || caller is null ? null : IdempotencyKeys.Fingerprint(caller.UserId, context);
        Actor? actingAs = null;
        ReferralCommand? Capture(ReferralState state)
        {
            var command = commandFor(state);
            actingAs = command?.By;
            return command;
        }
        var result = await services.GetRequiredService<IReferralCommands>()
            .ExecuteAsync(referralId, Capture, idempotencyKey, expectedVersion, cancellationToken, fingerprint);
        switch (result)
        {
            case CommandResult.Accepted accepted:
                if (onAccepted is not null) await onAccepted(accepted);
                // A replay hands back the first answer's client data: logged like any read of it.
                if (accepted.Replayed && caller is not null && actingAs is { } actor)
                    await ClientDataReads.RecordAsync(context, caller, actor.Role, actor.Unit, referralId, cancellationToken);
                Versions.Stamp(context.Response, accepted.State.Version);
                // The service provider gets its own limited view back, never the case owner's.
                if (actingAs?.Role == Role.ServiceProvider) return TypedResults.Ok(ProviderReferralView.From(accepted.State));
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
            case CommandResult.KeyReused:
                return Problem.Of(context, 422, "idempotency-key-reused");
            default:
                return Problem.Of(context, 404, "not-found");
        }
    }
}
