using Referrals.Functions.Api.Http;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Referrals;

/// <summary>hakemus: the body of <c>POST /api/referrals</c>. The only place in the API where a personal
/// identity code appears; it is checked (<see cref="Domain.Clients.PersonalIdentityCode"/>), turned into the
/// opaque client id and birth date, and kept only in the protected client record (<see cref="Clients.IClientRecords"/>)
/// with the client's name, language, address, e-mail, consent and interpreter need.</summary>
public sealed record SubmitReferralRequest : IValidatable
{
    /// <summary>The referring unit; may be left out when the caller belongs to one unit only.</summary>
    public string? Unit { get; init; }
    public string? ProfileId { get; init; }
    /// <summary>henkilötunnus. Stored only in the protected client record; never logged or returned by the referral.</summary>
    public string? PersonalIdentityCode { get; init; }
    public string? ServiceTypeCode { get; init; }
    public string? AssessmentSummary { get; init; }
    public IReadOnlyList<string>? Goals { get; init; }
    public DateOnly? RequestedStart { get; init; }
    /// <summary>The client's home municipality (kotikunta) as its Statistics Finland code (e.g. <c>092</c>), one of the
    /// configured municipalities of the profile's county (GET /api/configuration). Optional.</summary>
    public string? HomeMunicipality { get; init; }
    /// <summary>The baseline self-assessment made with the referral, area code → score (optional), of the instrument
    /// <see cref="BaselineInstrument"/>.</summary>
    public IReadOnlyDictionary<string, int>? EsyBaseline { get; init; }
    /// <summary>The instrument of <see cref="EsyBaseline"/> (e.g. <c>esy-example</c>), one the profile uses; left out: the profile's first.</summary>
    public string? BaselineInstrument { get; init; }

    /// <summary>The client's full name (a party of the decision, HL § 44). Stored only in the protected client record.</summary>
    public string? FullName { get; init; }
    /// <summary>The client's language, <c>fi</c> or <c>sv</c>: the decision and the notification are in it.</summary>
    public string? Language { get; init; }
    /// <summary>The postal notification address.</summary>
    public PostalAddressRequest? Address { get; init; }
    /// <summary>E-mail for electronic notification (optional).</summary>
    public string? Email { get; init; }
    /// <summary>The client consented to electronic notification (needs <see cref="Email"/>).</summary>
    public bool ElectronicNotificationConsent { get; init; }
    /// <summary>The language of the interpreter the client needs, if any.</summary>
    public string? InterpreterLanguage { get; init; }

    public IEnumerable<FieldError> Validate()
    {
        foreach (var e in Fields.Required("profileId", ProfileId, Fields.Id)) yield return e;
        if (string.IsNullOrWhiteSpace(PersonalIdentityCode)) yield return new FieldError("personalIdentityCode", "field.required");
        foreach (var e in Fields.Required("serviceTypeCode", ServiceTypeCode, Fields.Id)) yield return e;
        foreach (var e in Fields.Required("assessmentSummary", AssessmentSummary, Fields.LongText)) yield return e;
        if (Goals is null || Goals.Count == 0) yield return new FieldError("goals", "field.required");
        else if (Goals.Count > Domain.Common.Limits.MaxGoals) yield return new FieldError("goals", "field.too-long");
        else for (var i = 0; i < Goals.Count; i++)
            foreach (var e in Fields.Required($"goals[{i}]", Goals[i], Fields.ShortText)) yield return e;
        foreach (var e in Fields.Date("requestedStart", RequestedStart)) yield return e;
        if (EsyBaseline is { } esy && (esy.Count > 50 || esy.Keys.Any(k => k.Length is 0 or > 50))) yield return new FieldError("esyBaseline", "field.invalid");
        if (BaselineInstrument is { } instrument && (instrument.Length is 0 or > Fields.Id)) yield return new FieldError("baselineInstrument", "field.invalid");
        if (Unit is { Length: > Fields.Id }) yield return new FieldError("unit", "field.too-long");
        if (HomeMunicipality is { Length: > Fields.Id }) yield return new FieldError("homeMunicipality", "field.too-long");
        foreach (var e in ClientFields.Name(FullName)) yield return e;
        foreach (var e in ClientFields.Language(Language)) yield return e;
        foreach (var e in ClientFields.Address(Address)) yield return e;
        foreach (var e in ClientFields.Email(Email)) yield return e;
        foreach (var e in ClientFields.Consent(ElectronicNotificationConsent, Email)) yield return e;
        foreach (var e in ClientFields.Interpreter(InterpreterLanguage)) yield return e;
    }

    /// <summary>Keeps the identity code out of any log line that prints the request.</summary>
    public override string ToString() => $"SubmitReferralRequest {{ Unit = {Unit}, ProfileId = {ProfileId}, ServiceTypeCode = {ServiceTypeCode} }}";
}
