using Referrals.Functions.Referrals;
using Referrals.Domain.Clients;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Clients;

/// <summary>A correction of the client's details: only the fields given change. <c>email</c> or
/// <c>interpreterLanguage</c> as an empty string removes it. The identity code cannot be corrected (it is
/// the client: a wrong one is a new client, and the referral is withdrawn and submitted again).</summary>
internal sealed record ClientCorrectionRequest : IValidatable
{
    public string? FullName { get; init; }
    public string? Language { get; init; }
    public PostalAddressRequest? Address { get; init; }
    public string? Email { get; init; }
    public bool? ElectronicNotificationConsent { get; init; }
    public string? InterpreterLanguage { get; init; }

    public IEnumerable<FieldError> Validate()
    {
        if (FullName is null && Language is null && Address is null && Email is null && ElectronicNotificationConsent is null && InterpreterLanguage is null)
        {
            yield return new FieldError("$", "client.no-change");
            yield break;
        }
        if (FullName is not null) foreach (var e in ClientFields.Name(FullName)) yield return e;
        foreach (var e in ClientFields.Language(Language, required: false)) yield return e;
        foreach (var e in ClientFields.Address(Address, required: false)) yield return e;
        if (Email is { Length: > 0 }) foreach (var e in ClientFields.Email(Email)) yield return e;
        foreach (var e in ClientFields.Interpreter(InterpreterLanguage)) yield return e;
    }

    /// <summary>The record with the correction applied.</summary>
    public ClientRecord ApplyTo(ClientRecord current) => current with
    {
        FullName = FullName?.Trim() ?? current.FullName,
        Language = ClientFields.ParseLanguage(Language) ?? current.Language,
        Address = Address is null ? current.Address : ClientFields.ToAddress(Address),
        Email = Email is null ? current.Email : ClientFields.Clean(Email),
        ElectronicNotificationConsent = ElectronicNotificationConsent ?? current.ElectronicNotificationConsent,
        InterpreterLanguage = InterpreterLanguage is null ? current.InterpreterLanguage : ClientFields.Clean(InterpreterLanguage),
    };

    /// <summary>The names of the fields whose values differ (the names the audit event records).</summary>
    public static IReadOnlyList<string> Changed(ClientRecord before, ClientRecord after)
    {
        var fields = new List<string>();
        if (before.FullName != after.FullName) fields.Add("fullName");
        if (before.Language != after.Language) fields.Add("language");
        if (before.Address != after.Address) fields.Add("address");
        if (before.Email != after.Email) fields.Add("email");
        if (before.ElectronicNotificationConsent != after.ElectronicNotificationConsent) fields.Add("electronicNotificationConsent");
        if (before.InterpreterLanguage != after.InterpreterLanguage) fields.Add("interpreterLanguage");
        return fields;
    }

    public override string ToString() => "ClientCorrectionRequest { }";
}
