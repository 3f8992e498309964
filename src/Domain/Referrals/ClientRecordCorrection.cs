using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>A correction of the client's details, recorded on the referral by a referring worker of its
/// unit, in any state after submission (also after the referral ended: a decision may still be notified
/// or reviewed). The event names the changed fields, never their values.</summary>
internal static class ClientRecordCorrection
{
    /// <summary>The fields of the client record that can be corrected (the identity code cannot: it is the client).</summary>
    public static readonly IReadOnlySet<string> CorrectableFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "fullName", "language", "address", "email", "electronicNotificationConsent", "interpreterLanguage",
    };

    public static Outcome Correct(DecisionContext c, CorrectClientRecord command)
    {
        if (Permissions.Worker(c) is { } refused) return refused;
        if (command.Fields is null || command.Fields.Count == 0 || command.Fields.Any(f => f is null || !CorrectableFields.Contains(f))
            || command.Fields.Distinct(StringComparer.Ordinal).Count() != command.Fields.Count)
            return Outcome.Reject(RejectionCode.InvalidInput, nameof(command.Fields));
        return c.Accept(new ClientRecordCorrected([.. command.Fields.Order(StringComparer.Ordinal)]));
    }
}
