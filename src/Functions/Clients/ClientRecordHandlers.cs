using Referrals.Functions.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Clients;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Clients;

/// <summary>The explicit read of a referral's protected client record (name, identity code, language,
/// address, e-mail, consent, interpreter need). Only the roles that act on the client need it: the
/// referring workers of the referral's unit (the case owner's unit: they send the decision and record its
/// notification) and the unit's signer (the decision names the client as a party). Review body members
/// decide on the need from the referral without it, auditors see who read it (the access log), operators
/// never see client data. Every read writes an access-log row first (<see cref="ClientDataReads"/>).</summary>
internal static class ClientRecordHandlers
{
    /// <summary>The roles that may read a referral's client record.</summary>
    public static readonly IReadOnlyList<Role> Readers = [Role.ReferringWorker, Role.Signer];

    public static async Task<IResult> Get(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken, Readers);
        if (access is null) return denied ?? Problem.Of(context, 404, "not-found");
        var record = await context.RequestServices.GetRequiredService<IClientRecords>().GetAsync(access.State.ClientId, cancellationToken);
        if (record is null) return Problem.Of(context, 404, "client-record-missing");
        Versions.Stamp(context.Response, access.State.Version);
        return TypedResults.Ok(ClientRecordView.From(record));
    }

    /// <summary>A correction of the client's details by a referring worker of the referral's unit: a command
    /// like the others (Idempotency-Key, If-Match on the referral's version, 200 with the referral and its
    /// ETag). Its audit row is the referral event <see cref="ClientRecordCorrected"/>: who, when and the
    /// names of the changed fields, never their values. The event commits first and the record is written
    /// after it; if that write fails, the retry with the same key (a replay) writes it, provided nothing
    /// has happened on the referral since the correction (a replay never undoes a later change). The
    /// record is keyed by the client, so a correction on one referral shows on the client's other referrals.</summary>
    public static async Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Correct(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReferringWorker)) return Problem.Of(context, 403, "forbidden");
        if (headers.KeyError is { } keyError) return Problem.Validation(context, [keyError]);
        if (!Ids.IsWellFormed(id)) return Problem.Of(context, 404, "not-found");
        var (body, problem) = await JsonBody.ReadAsync<ClientCorrectionRequest>(context, cancellationToken);
        if (body is null) return problem ?? Problem.Of(context, 400, "malformed-json");

        var services = context.RequestServices;
        var state = await services.GetRequiredService<IReferralReader>().GetAsync(id, cancellationToken);
        if (state is null || state.Status == ReferralStatus.None || !ReferralAccess.Covers(caller, Role.ReferringWorker, state))
            return Problem.Of(context, 404, "not-found");
        var records = services.GetRequiredService<IClientRecords>();
        var current = await records.GetAsync(state.ClientId, cancellationToken);
        if (current is null) return Problem.Of(context, 404, "client-record-missing");
        var corrected = body.ApplyTo(current);
        if (corrected.ElectronicNotificationConsent && corrected.Email is null)
            return Problem.Validation(context, [new FieldError("electronicNotificationConsent", "client.consent-needs-email")]);
        var fields = ClientCorrectionRequest.Changed(current, corrected);

        ReferralCommand? CommandFor(ReferralState s) =>
            s.Status != ReferralStatus.None && ReferralAccess.Covers(caller, Role.ReferringWorker, s) && s.ClientId == state.ClientId
                ? new CorrectClientRecord(fields) { By = caller.As(Role.ReferringWorker, s.Unit) }
                : null;
        async Task WriteRecord(CommandResult.Accepted accepted)
        {
            if (fields.Count == 0) return;
            // A replay answers with the state at the first answer's version: write only if the referral is
            // still there (nothing since, so no later correction to undo).
            if (accepted.Replayed && accepted.State.Version != state.Version) return;
            await records.PutAsync(corrected, cancellationToken);
        }
        return await CommandEndpoint.ExecuteAsync(context, id, CommandFor, headers, CommandEndpoint.ReferralAnswer(context),
            cancellationToken, WriteRecord);
    }
}

/// <summary>The client record as the API shows it (only to <see cref="ClientRecordHandlers.Readers"/>).</summary>
internal sealed record ClientRecordView(
    string ClientId, string FullName, string PersonalIdentityCode, string Language, PostalAddressView Address,
    string? Email, bool ElectronicNotificationConsent, string? InterpreterLanguage)
{
    public static ClientRecordView From(ClientRecord r) => new(
        r.ClientId, r.FullName, r.IdentityCode.Value, r.Language == ClientLanguage.Sv ? "sv" : "fi",
        new PostalAddressView(r.Address.Street, r.Address.PostalCode, r.Address.PostOffice),
        r.Email, r.ElectronicNotificationConsent, r.InterpreterLanguage);

    public override string ToString() => $"ClientRecordView {{ ClientId = {ClientId} }}";
}

internal sealed record PostalAddressView(string Street, string PostalCode, string PostOffice)
{
    public override string ToString() => "PostalAddressView { }";
}
