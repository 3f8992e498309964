using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>Decisions after the first: an ending decision (lopettamispäätös) ends a granted service before its
/// decided end, a continuation (jatkopäätös) or change decision (muutospäätös) re-decides a running service, and a
/// decision the review body changed on review gets a new version. Each is drafted, signed and notified as a
/// decision of its own, with its own review period. The service of History.ServiceActive was granted on Friday
/// 6 February 2026 for 2 March – 31 December 2026 with the ESY re-measurement in month 6, and started on 2 March.</summary>
public class LaterDecisionSpecs
{
    private static readonly DateOnly GrantedEnd = new(2026, 12, 31);
    private static readonly DateTimeOffset DraftedAt = History.Day(120);   // Tuesday 2 June 2026
    private static readonly DateOnly LastDay = History.EndingLastDay;

    private static DecisionDraft Ending(int? changes = null) => History.EndingDraft(changes: changes);

    private static ReferralEvent[] EndingDrafted => History.EndingDrafted();

    private static ReferralEvent[] EndingSigned => History.EndingSigned();

    [Fact]
    public void An_ending_decision_is_drafted_on_the_running_service_and_waits_for_the_signer_while_the_follow_up_goes_on()
    {
        var spec = Spec.Given(History.ServiceActive).When(DraftEnding(LastDay), DraftedAt);
        spec.Then(new DecisionDrafted(2, Ending()));
        var state = spec.ThenState();
        Assert.Equal(ReferralStatus.ServiceActive, state.Status);
        Assert.True(state.FollowOnDraftPending && state.SignaturePending);
        Assert.Equal(1, state.Decision!.DraftVersion);
        var kinds = Process.Decider.Schedule(state).Select(t => t.Kind).ToList();
        Assert.Contains(TimerKind.SignatureReminder, kinds);
        Assert.Contains(TimerKind.ClientPlanDue, kinds);
        // The follow-up goes on while the draft waits.
        Spec.Given(EndingDrafted).When(Interim(new DateOnly(2026, 6, 2)), DraftedAt.AddHours(1)).Then(new InterimEvaluationRecorded(new DateOnly(2026, 6, 2), "Edistynyt."));
    }

    [Fact]
    public void The_signed_ending_decision_is_the_second_decision_with_its_own_notification_and_the_service_closes_on_its_last_day()
    {
        var signing = Spec.Given(EndingDrafted).When(Sign(2), History.Day(121));
        var state = signing.ThenState();
        Assert.Equal(2, state.Decisions.Count);
        Assert.Equal((2, DecisionKind.Ending), (state.Decision!.Number, state.Decision.Draft.Kind));
        Assert.Equal(ReferralStatus.ServiceActive, state.Status);
        Assert.Null(state.Notification);
        Assert.NotNull(state.Decisions[0].Notification);   // the granting decision's course is its own
        var schedule = Process.Decider.Schedule(state).Select(ScheduleSpecs.Show).ToList();
        Assert.Contains("ServiceEndsByDecision 2026-06-30 09:00", schedule);
        Assert.Contains("NotificationDue 2026-06-08 09:00", schedule);
        Assert.Contains("ServiceEndApproaching 2026-06-01 09:00", schedule);

        var ends = Process.Decider.Schedule(state).Single(t => t.Kind == TimerKind.ServiceEndsByDecision);
        var closed = Spec.Given([.. EndingDrafted, .. Assert.IsType<Outcome.Accepted>(signing.Outcome).Events])
            .When(Timer(ends.Kind, ends.DueAt), ends.DueAt);
        closed.Then(new ServiceClosed(LastDay, "Tavoitteet on saavutettu.", FeedbackCollected: false) { EndedByDecision = 2, EndingReason = EndingReason.GoalsMet });
        var after = closed.ThenState();
        Assert.Equal(ReferralStatus.Closed, after.Status);
        // Closed, but the ending decision still has to be sent and its review period to run.
        Assert.False(after.IsSettled);
        Assert.Contains(Process.Decider.Schedule(after), t => t.Kind == TimerKind.NotificationDue);
        Spec.Given([.. EndingSigned, History.Stamp(new ServiceClosed(LastDay, "x", false) { EndedByDecision = 2 }, 150, Actors.System)])
            .When(Notify(NotificationMethod.Letter, new DateOnly(2026, 7, 1)), History.Day(150))
            .Then(new DecisionNotified(NotificationMethod.Letter, new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 8), new DateOnly(2026, 8, 7)));
    }

    [Fact]
    public void An_ending_decision_needs_its_reason_and_a_last_day_before_the_decided_end_and_comes_once()
    {
        Spec.Given(History.ServiceActive).When(DraftEnding(LastDay) with { EndingReason = null }, DraftedAt).ThenRejected(RejectionCode.InvalidInput);
        Spec.Given(History.ServiceActive).When(DraftEnding(GrantedEnd), DraftedAt).ThenRejected(RejectionCode.DateOutOfOrder);
        Spec.Given(History.ServiceActive).When(DraftEnding(new DateOnly(2026, 3, 1)), DraftedAt).ThenRejected(RejectionCode.DateOutOfOrder);
        Spec.Given(History.ServiceActive).When(DraftEnding(LastDay) with { EsyRemeasurementMonth = 6 }, DraftedAt).ThenRejected(RejectionCode.InvalidInput);
        Spec.Given(History.ServiceActive).When(DraftEnding(LastDay) with { EndingReason = (EndingReason)42 }, DraftedAt).ThenRejected(RejectionCode.InvalidInput);
        // One draft at a time, and nothing more to decide once the ending is signed.
        Spec.Given(EndingDrafted).When(DraftEnding(LastDay), DraftedAt.AddHours(2)).ThenRejected(RejectionCode.InvalidState);
        Spec.Given(EndingSigned).When(DraftFollowOn(DecisionKind.Continuation, null, new DateOnly(2027, 6, 30)), History.Day(122)).ThenRejected(RejectionCode.InvalidState);
        // Before a decision exists, the kind follows the review.
        Spec.Given(History.AwaitingGrantingDraft).When(DraftEnding(LastDay), History.Day(3)).ThenRejected(RejectionCode.DecisionKindMismatch);
        // A service that never started can be ended too (from the signing of its grant on).
        Spec.Given(History.AwaitingServiceStart).When(DraftEnding(new DateOnly(2026, 2, 20), EndingReason.NeverStarted), History.Day(18))
            .Then(new DecisionDrafted(2, Ending() with { End = new DateOnly(2026, 2, 20), EndingReason = EndingReason.NeverStarted }));
    }

    [Fact]
    public void A_returned_ending_draft_leaves_the_service_running_and_can_be_drafted_again()
    {
        var returned = Spec.Given(EndingDrafted).When(Return(2), History.Day(121));
        returned.Then(new DecisionReturned(2, "Tarkenna perusteluja."));
        var state = returned.ThenState();
        Assert.False(state.SignaturePending);
        Assert.Equal(ReferralStatus.ServiceActive, state.Status);
        Assert.Single(state.Decisions);
        Spec.Given([.. EndingDrafted, History.Stamp(new DecisionReturned(2, "x"), 121, Actors.Signer)])
            .When(DraftEnding(LastDay), History.Day(122)).Then(new DecisionDrafted(3, Ending()));
        Spec.Given(History.ServiceActive).When(Sign(1), DraftedAt).ThenRejected(RejectionCode.DecisionAlreadySigned);
    }

    [Fact]
    public void A_continuation_decision_sets_a_new_end_and_the_timers_follow_it_while_the_plan_and_the_evaluations_stay()
    {
        ReferralEvent[] given =
        [
            .. History.ServiceActive,
            History.Stamp(new ClientPlanRecorded(new DateOnly(2026, 3, 20)), 46, Actors.Worker),
            History.Stamp(new InterimEvaluationRecorded(new DateOnly(2026, 6, 1), "Edistynyt."), 119, Actors.Worker),
        ];
        var draft = Spec.Given(given).When(DraftFollowOn(DecisionKind.Continuation, null, new DateOnly(2027, 6, 30), esyMonth: 6), History.Day(300));
        var drafted = Assert.IsType<DecisionDrafted>(Assert.Single(Assert.IsType<Outcome.Accepted>(draft.Outcome).Events));
        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30), 6), (drafted.Draft.Start, drafted.Draft.End, drafted.Draft.EsyRemeasurementMonth));
        Assert.Equal(DecisionKind.Continuation, drafted.Draft.Kind);

        var signed = Spec.Given([.. given, drafted with { At = History.Day(300), By = Actors.Worker }]).When(Sign(2), History.Day(301)).ThenState();
        Assert.Equal(2, signed.Grant!.Number);
        Assert.Equal(new DateOnly(2026, 3, 20), signed.ClientPlanOn);
        Assert.Equal([new DateOnly(2026, 6, 1)], signed.InterimEvaluations);
        var schedule = Process.Decider.Schedule(signed).Select(ScheduleSpecs.Show).ToList();
        // The end approaches on the new end; the ESY month counts from the day the continuation takes effect.
        Assert.Contains("ServiceEndApproaching 2027-05-31 09:00", schedule);
        Assert.Contains("EsyWindowOpens 2027-07-01 09:00", schedule);
        Assert.DoesNotContain(schedule, t => t.StartsWith("ServiceEndApproaching 2026-1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_continuation_must_end_after_the_decided_end_and_a_change_says_from_when()
    {
        Spec.Given(History.ServiceActive).When(DraftFollowOn(DecisionKind.Continuation, null, GrantedEnd), DraftedAt).ThenRejected(RejectionCode.DateOutOfOrder);
        Spec.Given(History.ServiceActive).When(DraftFollowOn(DecisionKind.Continuation, null, null), DraftedAt).ThenRejected(RejectionCode.InvalidInput);
        Spec.Given(History.ServiceActive).When(DraftFollowOn(DecisionKind.Change, null, null), DraftedAt).ThenRejected(RejectionCode.InvalidInput);
        Spec.Given(History.ServiceActive).When(DraftFollowOn(DecisionKind.Change, new DateOnly(2026, 2, 1), null), DraftedAt).ThenRejected(RejectionCode.DateOutOfOrder);
        Spec.Given(History.ServiceActive).When(DraftFollowOn(DecisionKind.Change, new DateOnly(2026, 6, 8), null, esyMonth: 3), DraftedAt).ThenRejected(RejectionCode.EsyMonthOutOfRange);
    }

    [Fact]
    public void A_change_decision_changes_the_extent_from_a_day_and_keeps_the_rest_of_the_grant()
    {
        var spec = Spec.Given(History.ServiceActive).When(DraftFollowOn(DecisionKind.Change, new DateOnly(2026, 6, 8), null, esyMonth: 6, extent: "kaksi kertaa viikossa"), DraftedAt);
        var drafted = Assert.IsType<DecisionDrafted>(Assert.Single(Assert.IsType<Outcome.Accepted>(spec.Outcome).Events));
        Assert.Equal(("kaksi kertaa viikossa", new DateOnly(2026, 6, 8), GrantedEnd), (drafted.Draft.Extent, drafted.Draft.Start, drafted.Draft.End));
    }

    [Fact]
    public void A_refusal_changed_on_review_opens_the_referral_for_its_new_version_which_is_drafted_signed_and_notified()
    {
        ReferralEvent[] requested =
        [
            .. History.Refused,
            History.Stamp(new RequestForReviewReceived(new DateOnly(2026, 2, 20), RequestForReviewBy.Client, InTime: true), 18, Actors.Worker),
        ];
        var decided = Spec.Given(requested).When(DecideReview(RequestForReviewOutcome.Changed, new DateOnly(2026, 3, 2)), History.Day(28));
        decided.Then(new RequestForReviewDecided(RequestForReviewOutcome.Changed, new DateOnly(2026, 3, 2), "Perustelut.") { NewVersionFollows = true });
        var reopened = decided.ThenState();
        Assert.Equal((ReferralStatus.AwaitingChangedDraft, 1), (reopened.Status, reopened.ChangeOwed));
        Assert.False(reopened.IsSettled);
        Assert.Contains(Process.Decider.Schedule(reopened), t => t.Kind == TimerKind.DraftingOverdue);

        var given = History.AwaitingChangedDraft;
        Spec.Given(given).When(DraftEnding(LastDay), History.Day(29)).ThenRejected(RejectionCode.DecisionKindMismatch);
        var draft = Spec.Given(given).When(Draft(start: new DateOnly(2026, 3, 16), end: new DateOnly(2026, 12, 31)), History.Day(29));
        var drafted = Assert.IsType<DecisionDrafted>(Assert.Single(Assert.IsType<Outcome.Accepted>(draft.Outcome).Events));
        Assert.Equal((2, DecisionKind.Granting, 1), (drafted.DraftVersion, drafted.Draft.Kind, drafted.Draft.Changes));
        Assert.Equal(ReferralStatus.AwaitingSignature, draft.ThenState().Status);

        var signed = Spec.Given([.. given, drafted with { At = History.Day(29), By = Actors.Worker }]).When(Sign(2), History.Day(30)).ThenState();
        Assert.Equal((ReferralStatus.AwaitingServiceStart, null, 2), (signed.Status, signed.ChangeOwed, signed.Decisions.Count));
        Assert.Equal(RequestForReviewOutcome.Changed, signed.Decisions[0].RequestForReview!.Outcome);
        Assert.Contains(Process.Decider.Schedule(signed), t => t.Kind == TimerKind.NotificationDue);
    }

    [Fact]
    public void A_changed_outcome_recorded_before_it_led_to_a_new_version_replays_as_it_did()
    {
        // Streams from before the new version: the outcome only; the refusal stayed ended and settled.
        var legacy = ReferralDecider.Replay(Spec.ReferralId, [
            .. History.Refused,
            History.Stamp(new RequestForReviewReceived(new DateOnly(2026, 2, 20), RequestForReviewBy.Client, InTime: true), 18, Actors.Worker),
            History.Stamp(new RequestForReviewDecided(RequestForReviewOutcome.Changed, new DateOnly(2026, 3, 2), "r"), 28, Actors.Worker),
        ]);
        Assert.Equal((ReferralStatus.Refused, null, true), (legacy.Status, legacy.ChangeOwed, legacy.IsSettled));
    }

    [Fact]
    public void An_earlier_decision_keeps_its_own_course_after_a_later_one_is_signed()
    {
        // The grant was signed but its sending not recorded before the ending decision was signed.
        ReferralEvent[] given =
        [
            .. History.SignedNotNotified,
            History.Stamp(new ServiceStarted(History.ServiceStart, null), 28, Actors.Worker),
            History.Stamp(new DecisionDrafted(2, Ending()), 120, Actors.Worker),
            History.Stamp(new DecisionSigned(2, "hash-2", new DateOnly(2026, 6, 3)), 121, Actors.Signer),
        ];
        var state = ReferralDecider.Replay(Spec.ReferralId, given);
        Assert.Equal(2, Process.Decider.Schedule(state).Count(t => t.Kind == TimerKind.NotificationDue));

        var first = Spec.Given(given).When(Notify(NotificationMethod.Letter, new DateOnly(2026, 6, 3)) with { DecisionNumber = 1 }, History.Day(122));
        first.Then(new DecisionNotified(NotificationMethod.Letter, new DateOnly(2026, 6, 3), new DateOnly(2026, 6, 10), new DateOnly(2026, 7, 10)) { DecisionNumber = 1 });
        var after = first.ThenState();
        Assert.NotNull(after.Decisions[0].Notification);
        Assert.Null(after.Notification);   // the latest (the ending decision) is still to be sent
        Spec.Given(given).When(Notify(NotificationMethod.Letter, new DateOnly(2026, 6, 3)) with { DecisionNumber = 3 }, History.Day(122)).ThenRejected(RejectionCode.InvalidInput);

        // Its review period ends and it alone becomes final, named by its number.
        ReferralEvent[] notified = [.. given, .. Assert.IsType<Outcome.Accepted>(first.Outcome).Events];
        var final = Process.Decider.Schedule(ReferralDecider.Replay(Spec.ReferralId, notified)).Single(t => t.Kind == TimerKind.DecisionFinal);
        Spec.Given(notified).When(Timer(final.Kind, final.DueAt), final.DueAt)
            .Then(new DecisionBecameFinal(new DateOnly(2026, 7, 11)) { DecisionNumber = 1 });
    }
}
