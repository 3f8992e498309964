using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Clients;
using Referrals.Domain.Common;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Clients;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Clients;

/// <summary>The explicit read of a referral's protected client record (name, identity code, language,
/// address, e-mail, consent, interpreter need). Only the roles that act on the client need it: the
/// referring workers of the referral's unit (the case owner's unit: they send the decision and record its
/// notification) and the unit's signer (the decision names the client as a party). Review body members
/// decide on the need from the referral without it, auditors see who read it (the access log), operators
/// never see client data. Every read writes an access-log row first (<see cref="ClientDataReads"/>).</summary>
public static class ClientRecordHandlers
{
    /// <summary>The roles that may read a referral's client record.</summary>
    public static readonly IReadOnlyList<Role> Readers = [Role.ReferringWorker, Role.Signer];

    public static async Task<IResult> Get(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken, Readers);
        if (denied is not null) return denied;
        var record = await context.RequestServices.GetRequiredService<IClientRecords>().GetAsync(access!.State.ClientId, cancellationToken);
        if (record is null) return Problem.Of(context, 404, "client-record-missing");
        Versions.Stamp(context.Response, access.State.Version);
        return TypedResults.Ok(ClientRecordView.From(record));
    }
}

/// <summary>The client record as the API shows it (only to <see cref="ClientRecordHandlers.Readers"/>).</summary>
public sealed record ClientRecordView(
    string ClientId, string FullName, string PersonalIdentityCode, string Language, PostalAddressView Address,
    string? Email, bool ElectronicNotificationConsent, string? InterpreterLanguage)
{
    public static ClientRecordView From(ClientRecord r) => new(
        r.ClientId, r.FullName, r.IdentityCode.Value, r.Language == ClientLanguage.Sv ? "sv" : "fi",
        new PostalAddressView(r.Address.Street, r.Address.PostalCode, r.Address.PostOffice),
        r.Email, r.ElectronicNotificationConsent, r.InterpreterLanguage);

    public override string ToString() => $"ClientRecordView {{ ClientId = {ClientId} }}";
}

public sealed record PostalAddressView(string Street, string PostalCode, string PostOffice)
{
    public override string ToString() => "PostalAddressView { }";
}
