namespace Referrals.Domain.Clients;

/// <summary>The language a client is served and notified in (kielilaki 423/2003): the decision is
/// written in it.</summary>
public enum ClientLanguage
{
    Fi,
    Sv,
}

/// <summary>A postal address for notification by letter.</summary>
public sealed record PostalAddress(string Street, string PostalCode, string PostOffice);

/// <summary>The protected client record: who the client is, for the parties of a decision (HL § 44) and
/// for notifying it (HL §§ 54–59). Kept apart from the referral stream, encrypted at rest, keyed by the
/// opaque client id; the referral refers to the client only by that id. <see cref="ToString"/> prints
/// no personal data.</summary>
public sealed record ClientRecord(
    string ClientId,
    string FullName,
    PersonalIdentityCode IdentityCode,
    ClientLanguage Language,
    PostalAddress Address,
    string? Email,
    bool ElectronicNotificationConsent,
    string? InterpreterLanguage)
{
    public override string ToString() => $"ClientRecord {{ ClientId = {ClientId} }}";
}
