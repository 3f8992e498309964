using System.Collections.Immutable;
using System.Globalization;
using Referrals.Domain.Calendar;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Notifications;

/// <summary>Which messages the events call for, addressed by role (the application resolves the mailbox)
/// and carrying only non-personal parameters: the mail is a nudge with a link, never client data.</summary>
internal static class ReferralNotifications
{
    /// <summary>The messages for <paramref name="events"/>, just appended to the referral now in <paramref name="state"/>;
    /// <paramref name="profile"/> is the profile it runs under (its signer rule says who is asked to sign; null: the
    /// referring unit's signer).</summary>
    public static IReadOnlyList<OutgoingMessage> For(ReferralState state, IReadOnlyList<ReferralEvent> events, Profiles.ProcessProfile? profile = null)
    {
        if (state is null || events is null) return [];
        var messages = new List<OutgoingMessage>();
        foreach (var @event in events)
        {
            if (@event is not null && For(state, @event, profile) is { } message)
                messages.Add(message);
            if (@event is ReminderRaised reminder && ProviderCopy(state, reminder) is { } copy)
                messages.Add(copy);
        }
        return messages;
    }

    private static OutgoingMessage? For(ReferralState s, ReferralEvent @event, Profiles.ProcessProfile? profile)
    {
        var owner = new Recipient(RecipientRole.CaseOwner, s.CaseOwner);
        var reviewBody = new Recipient(RecipientRole.ReviewBody, s.ReviewBodyId);
        // The signer the profile's rule names: the named unit's decision-maker, else the referring unit's signer. Under
        // "the case owner decides" the signing request goes to the case owner (the link is bound to the referral's unit).
        var signingUnit = profile?.SigningUnit(s.Unit) ?? s.Unit;
        var signer = profile?.Signer == Profiles.SignerRule.CaseOwner ? owner : new Recipient(RecipientRole.Signer, signingUnit);
        // Where the signer is not simply the referring unit's, the message says which unit's Signer grant the link is for.
        (string, string)[] signerUnit = profile?.Signer is Profiles.SignerRule.CaseOwner or Profiles.SignerRule.NamedUnitDecisionMaker
            ? [("signerUnit", signingUnit)] : [];
        OutgoingMessage Message(MessageKind kind, Recipient to, params (string Key, string Value)[] parameters) =>
            new(kind, to, s.Id, parameters.Append(("status", s.Status.ToString()))
                .ToImmutableSortedDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal));

        return @event switch
        {
            ReferralSubmitted e when !string.IsNullOrEmpty(e.ReviewBodyId) =>
                Message(MessageKind.ReferralQueued, reviewBody with { Key = e.ReviewBodyId }),
            ReferralTransferred e => Message(MessageKind.ReferralQueued, reviewBody with { Key = e.ToReviewBodyId }),
            InformationSupplemented => Message(MessageKind.ReferralQueued, reviewBody),
            InformationRequested e => Message(MessageKind.InformationRequested, owner, ("dueOn", Iso(e.DueOn))),
            ReferralApproved or ReferralRefused or ReferralRedirected or ReferralRedirectedForRefusal => Message(MessageKind.ReviewCompleted, owner),
            DecisionDrafted e => Message(MessageKind.SigningRequested, signer, [("draftVersion", Number(e.DraftVersion)), .. signerUnit]),
            DecisionReturned e => Message(MessageKind.DecisionReturned, owner, ("draftVersion", Number(e.DraftVersion))),
            DecisionSigned e => Message(MessageKind.DecisionSigned, owner, ("draftVersion", Number(e.DraftVersion))),
            // Electronic notification (Act 13/2003 § 19): the client gets a link, never the document or any data.
            // The decision the event names (an earlier one), or the latest.
            DecisionNotified { Method: Decisions.NotificationMethod.Electronic } e when Notified(s, e) is { } signed =>
                Message(MessageKind.DecisionAvailable, new Recipient(RecipientRole.Client, s.ClientId), ("draftVersion", Number(signed.DraftVersion))),
            ReminderRaised e => Reminder(e, owner, reviewBody, signer, signingUnit, signerUnit, Message),
            _ => null,
        };
    }

    private static OutgoingMessage Reminder(
        ReminderRaised e, Recipient owner, Recipient reviewBody, Recipient signer, string signingUnit, (string, string)[] signerUnit,
        Func<MessageKind, Recipient, (string, string)[], OutgoingMessage> message)
    {
        (string, string)[] parameters = [("timerKind", e.Kind.ToString()), ("dueOn", Iso(FinnishCalendar.DateIn(e.DueAt)))];
        (string, string)[] signing = [.. parameters, .. signerUnit];
        return e.Kind switch
        {
            TimerKind.ReviewOverdue => message(MessageKind.Reminder, reviewBody, parameters),
            TimerKind.SignatureReminder => message(MessageKind.Reminder, signer, signing),
            TimerKind.SignatureEscalation => message(MessageKind.SignatureEscalated, new Recipient(RecipientRole.DeputySigner, signingUnit), signing),
            _ => message(MessageKind.Reminder, owner, parameters),
        };
    }

    /// <summary>The provider report due goes to the provider unit too (the case owner has the first copy): the reminder's
    /// parameters only, to the unit's mailbox.</summary>
    private static OutgoingMessage? ProviderCopy(ReferralState s, ReminderRaised e) =>
        e.Kind == TimerKind.ProviderReportDue && !string.IsNullOrEmpty(s.ProviderUnit)
            ? new(MessageKind.Reminder, new Recipient(RecipientRole.ServiceProvider, s.ProviderUnit), s.Id,
                new[] { ("timerKind", e.Kind.ToString()), ("dueOn", Iso(FinnishCalendar.DateIn(e.DueAt))), ("status", s.Status.ToString()) }
                    .ToImmutableSortedDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal))
            : null;

    private static DecisionCourse? Notified(ReferralState s, DecisionNotified e)
    {
        var decisions = s.SignedDecisions;
        var n = e.DecisionNumber ?? decisions.Count;
        return n >= 1 && n <= decisions.Count ? decisions[n - 1] : null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
