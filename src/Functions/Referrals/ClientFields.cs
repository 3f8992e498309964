using System.Text.RegularExpressions;
using Referrals.Domain.Clients;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Referrals;

/// <summary>The postal notification address as the API takes it.</summary>
internal sealed record PostalAddressRequest(string? Street, string? PostalCode, string? PostOffice)
{
    public override string ToString() => "PostalAddressRequest { }";
}

/// <summary>The checks of the client's details, shared by the submission and the correction: name,
/// language (fi/sv), postal address (Finnish postal code, five digits), optional e-mail, the consent to
/// electronic notification (only with an e-mail) and the interpreter's language.</summary>
internal static partial class ClientFields
{
    public const int NameLength = 200, StreetLength = 200, PostOfficeLength = 100, EmailLength = 254, InterpreterLength = 50;

    public static IEnumerable<FieldError> Name(string? fullName) => Fields.Required("fullName", fullName, NameLength);

    public static IEnumerable<FieldError> Language(string? language, bool required = true)
    {
        if (language is null) { if (required) yield return new FieldError("language", "field.required"); }
        else if (ParseLanguage(language) is null) yield return new FieldError("language", "client.language");
    }

    public static IEnumerable<FieldError> Address(PostalAddressRequest? address, bool required = true)
    {
        if (address is null)
        {
            if (required) yield return new FieldError("address", "field.required");
            yield break;
        }
        foreach (var e in Fields.Required("address.street", address.Street, StreetLength)) yield return e;
        if (string.IsNullOrWhiteSpace(address.PostalCode)) yield return new FieldError("address.postalCode", "field.required");
        else if (!PostalCode().IsMatch(address.PostalCode.Trim())) yield return new FieldError("address.postalCode", "client.postal-code");
        foreach (var e in Fields.Required("address.postOffice", address.PostOffice, PostOfficeLength)) yield return e;
    }

    public static IEnumerable<FieldError> Email(string? email)
    {
        if (email is null) yield break;
        if (email.Length > EmailLength) yield return new FieldError("email", "field.too-long");
        else if (!EmailAddress().IsMatch(email.Trim())) yield return new FieldError("email", "client.email");
    }

    /// <summary>Consent to electronic notification needs an address to notify (Act 13/2003 § 19).</summary>
    public static IEnumerable<FieldError> Consent(bool consent, string? email)
    {
        if (consent && string.IsNullOrWhiteSpace(email)) yield return new FieldError("electronicNotificationConsent", "client.consent-needs-email");
    }

    public static IEnumerable<FieldError> Interpreter(string? language) => Fields.Optional("interpreterLanguage", language, InterpreterLength);

    public static ClientLanguage? ParseLanguage(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        "fi" => ClientLanguage.Fi,
        "sv" => ClientLanguage.Sv,
        _ => null,
    };

    public static PostalAddress ToAddress(PostalAddressRequest a) => new((a.Street ?? "").Trim(), (a.PostalCode ?? "").Trim(), (a.PostOffice ?? "").Trim());

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostalCode();

    /// <summary>One @, a dot in the domain, no spaces or angle brackets: enough to refuse typos, not a full RFC 5322 parser.</summary>
    [GeneratedRegex(@"^[^@\s<>()\[\],;:""]+@[^@\s<>()\[\],;:""]+\.[^@\s<>()\[\],;:""]+$")]
    private static partial Regex EmailAddress();
}
