using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Referrals;

/// <summary>hakemus: the body of <c>POST /api/referrals</c>. The only place in the API where a personal
/// identity code appears; it is checked (<see cref="Domain.Clients.PersonalIdentityCode"/>), turned into the
/// opaque client id and birth date, and kept only in the protected client record (<see cref="Clients.IClientRecords"/>)
/// with the client's name, language, address, e-mail, consent and interpreter need.</summary>
internal sealed record SubmitReferralRequest : IValidatable
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

    /// <summary>The field checks alone, without the identity code's (which needs the configuration's rules).</summary>
    public IEnumerable<FieldError> Validate()
    {
        var check = new FieldCheck();
        ToSubmission(check, clientIds: null);
        return check.Errors;
    }

    /// <summary>Checks every field and the identity code (with <paramref name="clientIds"/>' rules); when all hold, the
    /// submission: the client record and the command, every value taken from its check. Null when <paramref name="check"/>
    /// failed (or without <paramref name="clientIds"/>, when only the fields are checked).</summary>
    public Submission? ToSubmission(FieldCheck check, ClientIds? clientIds)
    {
        var profileId = check.Text("profileId", ProfileId, Fields.Id);
        if (string.IsNullOrWhiteSpace(PersonalIdentityCode)) check.Add("personalIdentityCode", "field.required");
        var serviceTypeCode = check.Text("serviceTypeCode", ServiceTypeCode, Fields.Id);
        var assessmentSummary = check.Text("assessmentSummary", AssessmentSummary, Fields.LongText);
        var goals = Goals ?? [];
        if (goals.Count == 0) check.Add("goals", "field.required");
        else if (goals.Count > Domain.Common.Limits.MaxGoals) check.Add("goals", "field.too-long");
        else for (var i = 0; i < goals.Count; i++) check.Text($"goals[{i}]", goals[i], Fields.ShortText);
        var requestedStart = check.Date("requestedStart", RequestedStart);
        if (EsyBaseline is { } esy && (esy.Count > 50 || esy.Keys.Any(k => k.Length is 0 or > 50))) check.Add("esyBaseline", "field.invalid");
        if (BaselineInstrument is { } instrument && (instrument.Length is 0 or > Fields.Id)) check.Add("baselineInstrument", "field.invalid");
        if (Unit is { Length: > Fields.Id }) check.Add("unit", "field.too-long");
        if (HomeMunicipality is { Length: > Fields.Id }) check.Add("homeMunicipality", "field.too-long");
        check.Add(ClientFields.Name(FullName));
        check.Add(ClientFields.Language(Language));
        check.Add(ClientFields.Address(Address));
        check.Add(ClientFields.Email(Email));
        check.Add(ClientFields.Consent(ElectronicNotificationConsent, Email));
        check.Add(ClientFields.Interpreter(InterpreterLanguage));
        Domain.Clients.PersonalIdentityCode? code = null;
        if (clientIds is not null && PersonalIdentityCode is { } text && !clientIds.TryParse(text, out code, out var reason))
            check.Add("personalIdentityCode", $"identityCode.{reason}");

        if (clientIds is null || !check.Passed || code is null || ClientFields.ParseLanguage(Language) is not { } language || Address is null) return null;
        var clientId = clientIds.For(code);
        var client = new Domain.Clients.ClientRecord(clientId, (FullName ?? "").Trim(), code, language, ClientFields.ToAddress(Address),
            ClientFields.Clean(Email), ElectronicNotificationConsent, ClientFields.Clean(InterpreterLanguage));
        var esyBaseline = EsyBaseline is null ? null : Domain.EsyScores.Of(EsyBaseline);
        var homeMunicipality = string.IsNullOrWhiteSpace(HomeMunicipality) ? null : HomeMunicipality.Trim();
        return new Submission(client, by => new Domain.Referrals.SubmitReferral(
            profileId, clientId, code.BirthDate, serviceTypeCode, assessmentSummary, goals, requestedStart, esyBaseline)
        { By = by, HomeMunicipality = homeMunicipality, BaselineInstrumentId = BaselineInstrument });
    }

    /// <summary>Keeps the identity code out of any log line that prints the request.</summary>
    public override string ToString() => $"SubmitReferralRequest {{ Unit = {Unit}, ProfileId = {ProfileId}, ServiceTypeCode = {ServiceTypeCode} }}";
}

/// <summary>A checked submission: the protected client record it writes first, and the command for the worker who submits.</summary>
internal sealed record Submission(Domain.Clients.ClientRecord Client, Func<Domain.Common.Actor, Domain.Referrals.SubmitReferral> Referral)
{
    public override string ToString() => "Submission { }";
}
