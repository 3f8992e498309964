using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain;
using Referrals.Domain.Clients;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Clients;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Referrals;

/// <summary>Submitting, reading and listing referrals, and the worker's commands before a decision.
/// Static handlers over HttpContext, so the Azure Functions HTTP triggers call the same code.</summary>
internal static class ReferralHandlers
{
    public static async Task<Results<VersionedCreated<ReferralView>, ProblemHttpResult>> Submit(
        HttpContext context, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReferringWorker)) return Problem.Of(context, 403, "forbidden");
        var headers = new CommandHeaders(idempotencyKey, IfMatch: null);
        if (headers.KeyError is { } keyError) return Problem.Validation(context, [keyError]);

        var (body, problem) = await JsonBody.ParseAsync<SubmitReferralRequest>(context, cancellationToken);
        if (body is null) return problem ?? Problem.Of(context, 400, "malformed-json");
        var check = new FieldCheck();
        var submission = body.ToSubmission(check, context.RequestServices.GetRequiredService<ClientIds>());
        if (submission is null) return Problem.Validation(context, check.Errors);
        var unit = body.Unit ?? caller.SingleUnitFor(Role.ReferringWorker);
        if (unit is null) return Problem.Validation(context, [new FieldError("unit", "field.choose-unit")]);
        if (!caller.Holds(Role.ReferringWorker, unit)) return Problem.Of(context, 403, "forbidden");
        var command = submission.Referral(caller.As(Role.ReferringWorker, unit));

        var referralId = IdempotencyKeys.ReferralIdFor(caller.UserId, idempotencyKey);
        // The client record is written before the referral: a referral never exists without its client.
        // If the referral's write then fails, the retry (same key) writes the same record again. A replay
        // of a submission whose referral exists writes nothing: it must not undo a correction made since.
        var existing = idempotencyKey is null ? null : await context.RequestServices.GetRequiredService<IReferralReader>().GetAsync(referralId, cancellationToken);
        if (existing is null || existing.Status == ReferralStatus.None)
            await context.RequestServices.GetRequiredService<IClientRecords>().PutAsync(submission.Client, cancellationToken);
        return await CommandEndpoint.ExecuteAsync(context, referralId, _ => command, headers,
            (state, _) => Versions.Created($"/api/referrals/{Uri.EscapeDataString(referralId)}",
                ReferralView.From(state, context.RequestServices.GetService<ReferralDecider>()), state.Version), cancellationToken);
    }

    /// <remarks>The provider's view first: the document shows one schema per status, the last declared (the referral).</remarks>
    public static async Task<Results<VersionedOk<ProviderReferralView>, VersionedOk<ReferralView>, ProblemHttpResult>> Get(
        HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken, ReferralAccess.ReferralReaders);
        if (access is null) return denied ?? Problem.Of(context, 404, "not-found");
        // The provider the service is assigned to sees only what it needs to run the service (access-logged like any read).
        if (access.Role == Role.ServiceProvider) return Versions.Ok(ProviderReferralView.From(access.State), access.State.Version);
        return Versions.Ok(ReferralView.From(access.State, context.RequestServices.GetService<ReferralDecider>()), access.State.Version);
    }

    public static async Task<Results<VersionedOk<List<TimelineEntry>>, ProblemHttpResult>> Timeline(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (access is null) return denied ?? Problem.Of(context, 404, "not-found");
        var events = await context.RequestServices.GetRequiredService<IReferralReader>().TimelineAsync(id, cancellationToken);
        return Versions.Ok(events.Select(e => new TimelineEntry(e.Version, e.Event)).ToList(), access.State.Version);
    }

    /// <summary>A page of the unit's referrals, newest first, optionally in one status (<see cref="Paging"/>).
    /// The listing holds no client data (not even the client id), so it is not access-logged; opening any
    /// referral from it is.</summary>
    public static async Task<IResult> List(
        HttpContext context, string? unit, string? status, string? continuation, int? limit, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!(caller.Has(Role.ReferringWorker) || caller.Has(Role.Signer) || caller.Has(Role.Auditor)))
            return Problem.Of(context, 403, "forbidden");
        var errors = new List<FieldError>();
        Role[] listers = [Role.ReferringWorker, Role.Signer, Role.Auditor];
        unit ??= caller.SingleUnitFor(listers);
        if (unit is null) errors.Add(new FieldError("unit", "field.choose-unit"));
        ReferralStatus? wanted = null;
        if (status is not null)
        {
            if (status.All(char.IsAsciiLetter) && Enum.TryParse<ReferralStatus>(status, ignoreCase: true, out var parsed) && parsed != ReferralStatus.None)
                wanted = parsed;
            else errors.Add(new FieldError("status", "field.unknown-status"));
        }
        errors.AddRange(Paging.Validate(limit, continuation));
        if (errors.Count > 0) return Problem.Validation(context, errors);
        if (unit is null || !listers.Any(r => caller.Holds(r, unit)) || !Ids.IsWellFormed(unit)) return Problem.Of(context, 403, "forbidden");

        var page = await context.RequestServices.GetRequiredService<IReferralReader>()
            .ListAsync(unit, wanted, continuation, Paging.LimitOr(limit), cancellationToken);
        return page is null
            ? Paging.InvalidContinuation(context)
            : Paging.Ok(context, page, limit, ("unit", unit), ("status", wanted?.ToString()));
    }

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> SupplementInformation(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<SupplementInformationRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Withdraw(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<WithdrawReferralRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);
}

/// <summary>One event of the history, oldest first; <c>$type</c> names the event.</summary>
internal sealed record TimelineEntry(int Version, ReferralEvent Event);

internal sealed record SupplementInformationRequest(string? Text) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var text = check.Text("text", Text, Fields.LongText);
        return by => new SupplementInformation(text) { By = by };
    }
}

internal sealed record WithdrawReferralRequest(string? Reason) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var reason = check.Text("reason", Reason, Fields.LongText);
        return by => new WithdrawReferral(reason) { By = by };
    }
}
