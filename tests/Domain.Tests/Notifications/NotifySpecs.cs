using System.Collections.Immutable;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Notifications;

/// <summary>Notify(state, events): messages by role address with non-personal parameters only.</summary>
public class NotifySpecs
{
    private static OutgoingMessage Expected(MessageKind kind, RecipientRole role, string key, params (string, string)[] parameters) =>
        new(kind, new Recipient(role, key), Spec.ReferralId, parameters.ToImmutableSortedDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal));

    private static IReadOnlyList<OutgoingMessage> After(IEnumerable<ReferralEvent> given, ReferralCommand command, DateTimeOffset? at = null)
    {
        var spec = Spec.Given(given).When(command, at);
        var events = ((Outcome.Accepted)spec.Outcome).Events;
        return Process.Decider.Notify(spec.ThenState(), events);
    }

    [Fact]
    public void A_submitted_referral_is_queued_for_the_review_body() =>
        Assert.Equal([Expected(MessageKind.ReferralQueued, RecipientRole.ReviewBody, Process.SteeringGroup, ("status", "AwaitingReview"))],
            After([], Submit()));

    [Fact]
    public void An_Espoo_submission_needs_no_message() => Assert.Empty(After([], Submit(Process.Espoo, service: "sr-group-activity")));

    [Fact]
    public void A_transfer_and_a_supplement_queue_the_referral_again()
    {
        ReferralEvent[] steppi = [History.Submitted(Process.Steppi, Process.SteppiTeam)];
        Assert.Equal([Expected(MessageKind.ReferralQueued, RecipientRole.ReviewBody, Process.SteeringGroup, ("status", "AwaitingReview"))],
            After(steppi, Review(ReviewOutcome.TransferToSteeringGroup, Actors.SteppiTeamMember)));
        Assert.Equal([Expected(MessageKind.ReferralQueued, RecipientRole.ReviewBody, Process.SteeringGroup, ("status", "AwaitingReview"))],
            After(History.AwaitingInformation, Supplement()));
    }

    [Fact]
    public void The_case_owner_hears_of_requests_and_review_outcomes()
    {
        Assert.Equal([Expected(MessageKind.InformationRequested, RecipientRole.CaseOwner, "worker-1", ("dueOn", "2026-02-16"), ("status", "AwaitingInformation"))],
            After(History.AwaitingReview, Review(ReviewOutcome.RequestInformation)));
        Assert.Equal([Expected(MessageKind.ReviewCompleted, RecipientRole.CaseOwner, "worker-1", ("status", "AwaitingGrantingDraft"))],
            After(History.AwaitingReview, Review(ReviewOutcome.Approve)));
        Assert.Equal([Expected(MessageKind.ReviewCompleted, RecipientRole.CaseOwner, "worker-1", ("status", "AwaitingRefusingDraft"))],
            After(History.AwaitingReview, Review(ReviewOutcome.Refuse)));
        // A redirect leaves the requested service to a refusing decision: the worker drafts it.
        Assert.Equal([Expected(MessageKind.ReviewCompleted, RecipientRole.CaseOwner, "worker-1", ("status", "AwaitingRefusingDraft"))],
            After(History.AwaitingReview, Review(ReviewOutcome.Redirect, redirectTo: "Päihdepalvelut")));
    }

    [Fact]
    public void The_signer_is_asked_to_sign_each_version_and_the_worker_hears_the_answer()
    {
        Assert.Equal([Expected(MessageKind.SigningRequested, RecipientRole.Signer, Actors.Unit, ("draftVersion", "1"), ("status", "AwaitingSignature"))],
            After(History.AwaitingGrantingDraft, Draft()));
        Assert.Equal([Expected(MessageKind.DecisionReturned, RecipientRole.CaseOwner, "worker-1", ("draftVersion", "1"), ("status", "AwaitingGrantingDraft"))],
            After(History.AwaitingSignature, Return(1)));
        Assert.Equal([Expected(MessageKind.DecisionSigned, RecipientRole.CaseOwner, "worker-1", ("draftVersion", "1"), ("status", "AwaitingServiceStart"))],
            After(History.AwaitingSignature, Sign(1)));
    }

    [Theory]
    [InlineData(ReferralStatus.AwaitingReview, TimerKind.ReviewOverdue, MessageKind.Reminder, RecipientRole.ReviewBody, Process.SteeringGroup)]
    [InlineData(ReferralStatus.AwaitingInformation, TimerKind.InformationOverdue, MessageKind.Reminder, RecipientRole.CaseOwner, "worker-1")]
    [InlineData(ReferralStatus.AwaitingGrantingDraft, TimerKind.DraftingOverdue, MessageKind.Reminder, RecipientRole.CaseOwner, "worker-1")]
    [InlineData(ReferralStatus.AwaitingSignature, TimerKind.SignatureReminder, MessageKind.Reminder, RecipientRole.Signer, Actors.Unit)]
    [InlineData(ReferralStatus.AwaitingSignature, TimerKind.SignatureEscalation, MessageKind.SignatureEscalated, RecipientRole.DeputySigner, Actors.Unit)]
    [InlineData(ReferralStatus.ServiceActive, TimerKind.ClientPlanDue, MessageKind.Reminder, RecipientRole.CaseOwner, "worker-1")]
    [InlineData(ReferralStatus.ServiceActive, TimerKind.EsyWindowOpens, MessageKind.Reminder, RecipientRole.CaseOwner, "worker-1")]
    public void Reminders_go_to_whoever_must_act(ReferralStatus status, TimerKind kind, MessageKind message, RecipientRole role, string key)
    {
        var given = History.To(status);
        var due = Process.Decider.Schedule(ReferralDecider.Replay(Spec.ReferralId, given)).Single(t => t.Kind == kind);
        var dueOn = FinnishCalendar.DateIn(due.DueAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([Expected(message, role, key, ("dueOn", dueOn), ("status", status.ToString()), ("timerKind", kind.ToString()))],
            After(given, Timer(kind, due.DueAt), due.DueAt));
    }

    [Fact]
    public void Facts_that_need_no_one_to_act_send_nothing()
    {
        var day = History.ServiceStart.AddDays(10);
        Assert.Empty(After(History.ServiceActive, ClientPlan(day), History.Day(60)));
        Assert.Empty(After(History.AwaitingReview, Withdraw()));
        var final = Process.Decider.Schedule(ReferralDecider.Replay(Spec.ReferralId, History.Refused)).Single();
        Assert.Empty(After(History.Refused, Timer(final.Kind, final.DueAt), final.DueAt));
    }

    /// <summary>No message carries client data: only the allowed parameter names, and none of the
    /// client's id, birth date or texts.</summary>
    [Fact]
    public void Messages_carry_no_personal_data()
    {
        string[] allowed = ["draftVersion", "dueOn", "status", "timerKind"];
        var state = ReferralDecider.Replay(Spec.ReferralId, History.ServiceActive);
        var messages = Process.Decider.Notify(state, History.ServiceActive);
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            Assert.All(message.Parameters.Keys, k => Assert.Contains(k, allowed));
            Assert.All(message.Parameters.Values, v => Assert.DoesNotContain("client-1", v, StringComparison.Ordinal));
            Assert.All(message.Parameters.Values, v => Assert.DoesNotContain("1990", v, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Electronic_notification_mails_the_client_a_link_by_the_opaque_client_id_and_a_letter_mails_no_one()
    {
        var electronic = After(History.SignedNotNotified, Notify(global::Referrals.Domain.Decisions.NotificationMethod.Electronic, History.SignedOn), History.Day(5));
        var message = Assert.Single(electronic);
        Assert.Equal(Expected(MessageKind.DecisionAvailable, RecipientRole.Client, "client-1", ("draftVersion", "1"), ("status", message.Parameters["status"])), message);
        Assert.Empty(After(History.SignedNotNotified, Notify(global::Referrals.Domain.Decisions.NotificationMethod.Letter, History.SignedOn), History.Day(5)));
        Assert.Empty(After(History.SignedNotNotified, Notify(global::Referrals.Domain.Decisions.NotificationMethod.InPerson, History.SignedOn), History.Day(5)));
    }
}
