using System.Collections.Immutable;

namespace Referrals.Domain.Notifications;

/// <summary>Who a message goes to, by role address: the application resolves the address from its
/// directory (unit mailbox, review body mailbox, signer of a unit, deputy) or, for the client, from the
/// protected client record by the opaque client id (the e-mail the client consented to be notified at).
/// Never a person's data.</summary>
public enum RecipientRole { CaseOwner, ReviewBody, Signer, DeputySigner, Client, ServiceProvider }

public sealed record Recipient(RecipientRole Role, string Key);

/// <summary>Which template the message uses. Stored by name: never rename.</summary>
public enum MessageKind
{
    ReferralQueued,
    InformationRequested,
    ReviewCompleted,
    SigningRequested,
    DecisionReturned,
    DecisionSigned,
    Reminder,
    SignatureEscalated,
    /// <summary>To the client, on electronic notification: a link to the protected download of the signed decision.</summary>
    DecisionAvailable,
}

/// <summary>A message to send: a template, a recipient and only non-personal parameters (referral id,
/// due dates, draft version, reminder kind). The mail carries links, never client data.</summary>
public sealed record OutgoingMessage(
    MessageKind Kind,
    Recipient To,
    string ReferralId,
    ImmutableSortedDictionary<string, string> Parameters)
{
    public bool Equals(OutgoingMessage? other) =>
        other is not null && Kind == other.Kind && To == other.To && ReferralId == other.ReferralId &&
        Parameters.Count == other.Parameters.Count &&
        Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => HashCode.Combine(Kind, To, ReferralId, Parameters.Count);
}
