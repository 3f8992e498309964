using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain;
using Referrals.Domain.Clients;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Auth;
using Referrals.Functions.Clients;
using Referrals.Functions.Problems;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.Api.Referrals;

/// <summary>Submitting, reading and listing referrals, and the worker's commands before a decision.
/// Static handlers over HttpContext, so the Azure Functions HTTP triggers call the same code.</summary>
public static class ReferralHandlers
{
    public static async Task<IResult> Submit(
        HttpContext context, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReferringWorker)) return Problem.Of(context, 403, "forbidden");
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError) return Problem.Validation(context, [keyError]);

        var clientIds = context.RequestServices.GetRequiredService<ClientIds>();
        PersonalIdentityCode? code = null;
        var (body, problem) = await JsonBody.ReadAsync<SubmitReferralRequest>(context, cancellationToken, b =>
            b.PersonalIdentityCode is null || clientIds.TryParse(b.PersonalIdentityCode, out code, out var reason)
                ? []
                : [new FieldError("personalIdentityCode", $"identityCode.{reason}")]);
        if (problem is not null) return problem;
        var unit = body!.Unit ?? caller.SingleUnitFor(Role.ReferringWorker);
        if (unit is null) return Problem.Validation(context, [new FieldError("unit", "field.choose-unit")]);
        if (!caller.Holds(Role.ReferringWorker, unit)) return Problem.Of(context, 403, "forbidden");

        var clientId = clientIds.For(code!);
        var command = new SubmitReferral(
            body.ProfileId!, clientId, code!.BirthDate, body.ServiceTypeCode!, body.AssessmentSummary!, body.Goals!, body.RequestedStart!.Value,
            body.EsyBaseline is null ? null : EsyScores.Of(body.EsyBaseline))
        { By = caller.As(Role.ReferringWorker, unit), HomeMunicipality = string.IsNullOrWhiteSpace(body.HomeMunicipality) ? null : body.HomeMunicipality.Trim(),
            BaselineInstrumentId = body.BaselineInstrument };

        var referralId = IdempotencyKeys.ReferralIdFor(caller.UserId, idempotencyKey);
        // The client record is written before the referral: a referral never exists without its client.
        // If the referral's write then fails, the retry (same key) writes the same record again. A replay
        // of a submission whose referral exists writes nothing: it must not undo a correction made since.
        var existing = idempotencyKey is null ? null : await context.RequestServices.GetRequiredService<IReferralReader>().GetAsync(referralId, cancellationToken);
        if (existing is null || existing.Status == ReferralStatus.None)
            await context.RequestServices.GetRequiredService<IClientRecords>().PutAsync(new ClientRecord(
                clientId, body.FullName!.Trim(), code, ClientFields.ParseLanguage(body.Language)!.Value, ClientFields.ToAddress(body.Address!),
                ClientFields.Clean(body.Email), body.ElectronicNotificationConsent, ClientFields.Clean(body.InterpreterLanguage)), cancellationToken);
        return await CommandEndpoint.ExecuteAsync(context, referralId, command, idempotencyKey, null, created: true, cancellationToken);
    }

    public static async Task<IResult> Get(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken, ReferralAccess.ReferralReaders);
        if (denied is not null) return denied;
        Versions.Stamp(context.Response, access!.State.Version);
        // The provider the service is assigned to sees only what it needs to run the service (access-logged like any read).
        if (access.Role == Role.ServiceProvider) return TypedResults.Ok(ProviderReferralView.From(access.State));
        return TypedResults.Ok(ReferralView.From(access.State, context.RequestServices.GetService<ReferralDecider>()));
    }

    public static async Task<IResult> Timeline(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        var events = await context.RequestServices.GetRequiredService<IReferralReader>().TimelineAsync(id, cancellationToken);
        Versions.Stamp(context.Response, access!.State.Version);
        return TypedResults.Ok(events.Select(e => new TimelineEntry(e.Version, e.Event)).ToList());
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
        if (!listers.Any(r => caller.Holds(r, unit)) || !Ids.IsWellFormed(unit)) return Problem.Of(context, 403, "forbidden");

        var page = await context.RequestServices.GetRequiredService<IReferralReader>()
            .ListAsync(unit!, wanted, continuation, Paging.LimitOr(limit), cancellationToken);
        return page is null
            ? Paging.InvalidContinuation(context)
            : Paging.Ok(context, page, limit, ("unit", unit), ("status", wanted?.ToString()));
    }

    public static Task<IResult> SupplementInformation(
        HttpContext context, string id, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<SupplementInformationRequest>(context, id, Role.ReferringWorker,
            (b, by) => new SupplementInformation(b.Text!) { By = by }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> Withdraw(
        HttpContext context, string id, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<WithdrawReferralRequest>(context, id, Role.ReferringWorker,
            (b, by) => new WithdrawReferral(b.Reason!) { By = by }, idempotencyKey, ifMatch, cancellationToken);
}

/// <summary>One event of the history, oldest first; <c>$type</c> names the event.</summary>
public sealed record TimelineEntry(int Version, ReferralEvent Event);

public sealed record SupplementInformationRequest(string? Text) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Fields.Required("text", Text, Fields.LongText);
}

public sealed record WithdrawReferralRequest(string? Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Fields.Required("reason", Reason, Fields.LongText);
}
