using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>After signing: the decision is sent to the client and the sending recorded; the deemed day of
/// notification and the review period follow by law from the real sending date; a request for review in
/// time keeps the decision from becoming final; the review body's decision is recorded. The signing is on
/// Friday 6 February 2026 (History.SignedOn).</summary>
public class NotificationAndReviewSpecs
{
    private static readonly DateOnly SignedOn = History.SignedOn;

    [Theory]
    // HL § 59: a letter on the 7th day; 30 days end on Sunday 15 March -> Monday 16 March (Act 150/1930 § 5).
    [InlineData(NotificationMethod.Letter, "2026-02-06", "2026-02-13", "2026-03-16")]
    // Act 13/2003 § 19: electronic on the 3rd day; 30 days end on Saturday 26 December (St Stephen's Day) -> Monday 28.
    [InlineData(NotificationMethod.Electronic, "2026-11-23", "2026-11-26", "2026-12-28")]
    // The last day on Midsummer Eve (Friday 19 June 2026) -> Monday 22 June.
    [InlineData(NotificationMethod.Letter, "2026-05-13", "2026-05-20", "2026-06-22")]
    // The last day on May Day (Friday 1 May 2026) -> Monday 4 May.
    [InlineData(NotificationMethod.Letter, "2026-03-25", "2026-04-01", "2026-05-04")]
    // In person: notified that day; 30 days end on Saturday 2 January -> Monday 4 January.
    [InlineData(NotificationMethod.InPerson, "2026-12-03", "2026-12-03", "2027-01-04")]
    // The deemed day is a presumption, not a time limit: on Easter Monday it stays there.
    [InlineData(NotificationMethod.Electronic, "2026-04-03", "2026-04-06", "2026-05-06")]
    public void The_law_sets_the_deemed_day_and_the_last_day_for_review_from_the_sending_date(
        NotificationMethod method, string sentOn, string deemedOn, string lastDay)
    {
        var law = NotificationLaw.For(method, DateOnly.Parse(sentOn));
        Assert.Equal((DateOnly.Parse(deemedOn), DateOnly.Parse(lastDay)), (law.DeemedOn, law.ReviewPeriodEndsOn));
    }

    [Fact]
    public void A_signed_decision_not_yet_sent_has_no_finality_date_and_the_case_owner_is_reminded_to_record_the_sending()
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, History.SignedNotNotified);
        Assert.Null(ReferralSchedule.FinalOn(state));
        // Signed on Friday 6 February; three working days later is Wednesday 11 February.
        Assert.Equal(["NotificationDue 2026-02-11 09:00"], Process.Decider.Schedule(state).Where(t => t.Kind is TimerKind.NotificationDue or TimerKind.DecisionFinal).Select(ScheduleSpecs.Show));
        var due = Process.Decider.Schedule(state).Single(t => t.Kind == TimerKind.NotificationDue);
        var raised = Spec.Given(History.SignedNotNotified).When(Timer(due.Kind, due.DueAt), due.DueAt);
        raised.Then(new ReminderRaised(TimerKind.NotificationDue, due.DueAt));
        var message = Assert.Single(Process.Decider.Notify(raised.ThenState(), raised.Outcome is Outcome.Accepted a ? a.Events : []));
        Assert.Equal(global::Referrals.Domain.Notifications.RecipientRole.CaseOwner, message.To.Role);
        // Recorded: the reminder is gone.
        var notified = Spec.Given(History.SignedNotNotified).When(Notify(NotificationMethod.Letter, SignedOn), History.Day(5)).ThenState();
        Assert.DoesNotContain(Process.Decider.Schedule(notified), t => t.Kind == TimerKind.NotificationDue);
    }

    [Fact]
    public void The_case_owner_records_the_letter_and_the_decision_becomes_final_the_day_after_the_period()
    {
        var spec = Spec.Given(History.SignedNotNotified).When(Notify(NotificationMethod.Letter, SignedOn), History.Day(5));
        spec.Then(new DecisionNotified(NotificationMethod.Letter, SignedOn, new DateOnly(2026, 2, 13), new DateOnly(2026, 3, 16)));
        var state = spec.ThenState();
        Assert.Equal(new DateOnly(2026, 3, 17), ReferralSchedule.FinalOn(state));
        Assert.Contains("DecisionFinal 2026-03-17 09:00", Process.Decider.Schedule(state).Select(ScheduleSpecs.Show));
    }

    [Fact]
    public void The_signer_may_record_the_sending_too_but_not_a_stranger()
    {
        Spec.Given(History.SignedNotNotified).When(Notify(NotificationMethod.Electronic, SignedOn, Actors.Signer), History.Day(5))
            .Then(new DecisionNotified(NotificationMethod.Electronic, SignedOn, new DateOnly(2026, 2, 9), new DateOnly(2026, 3, 11)));
        Spec.Given(History.SignedNotNotified).When(Notify(NotificationMethod.Letter, SignedOn, Actors.OtherUnitWorker), History.Day(5))
            .ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.SignedNotNotified).When(Notify(NotificationMethod.Letter, SignedOn, Actors.SteeringGroupMember), History.Day(5))
            .ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void The_sending_date_is_a_fact_after_the_signing_recorded_once()
    {
        Spec.Given(History.SignedNotNotified).When(Notify(NotificationMethod.Letter, SignedOn.AddDays(-1)), History.Day(5))
            .ThenRejected(RejectionCode.DateOutOfOrder, "SentOn");
        Spec.Given(History.SignedNotNotified).When(Notify(NotificationMethod.Letter, SignedOn.AddDays(2)), History.Day(5))
            .ThenRejected(RejectionCode.DateInFuture, "SentOn");
        Spec.Given(History.SignedNotNotified).When(Notify((NotificationMethod)7, SignedOn), History.Day(5))
            .ThenRejected(RejectionCode.InvalidInput, "Method");
        Spec.Given(History.AwaitingServiceStart).When(Notify(NotificationMethod.Letter, SignedOn), History.Day(5))
            .ThenRejected(RejectionCode.NotificationAlreadyRecorded);
        Spec.Given(History.AwaitingSignature).When(Notify(NotificationMethod.Letter, SignedOn), History.Day(5))
            .ThenRejected(RejectionCode.InvalidState);
    }

    [Fact]
    public void A_refusal_ends_the_referral_but_its_decision_still_runs_to_finality()
    {
        var refused = ReferralDecider.Replay(Spec.ReferralId, History.RefusedNotNotified);
        Assert.True(refused.HasEnded);
        Assert.False(refused.IsSettled);

        var notified = Spec.Given(History.RefusedNotNotified).When(Notify(NotificationMethod.Letter, SignedOn), History.Day(5)).ThenState();
        var final = Process.Decider.Schedule(notified).Single();
        Assert.Equal(TimerKind.DecisionFinal, final.Kind);
        Assert.False(notified.IsSettled);

        var done = Spec.Given(History.Refused).When(Timer(final.Kind, final.DueAt), final.DueAt).ThenState();
        Assert.Equal(new DateOnly(2026, 3, 17), done.DecisionFinalOn);
        Assert.True(done.IsSettled);
    }

    [Fact]
    public void A_request_for_review_in_time_stops_the_decision_becoming_final_until_the_review_body_decides()
    {
        var received = new DateOnly(2026, 3, 16); // the last day of the period
        var spec = Spec.Given(History.Refused).When(RequestReview(received), History.Day(42));
        spec.Then(new RequestForReviewReceived(received, RequestForReviewBy.Client, InTime: true));
        var pending = spec.ThenState();
        Assert.Null(ReferralSchedule.FinalOn(pending));
        Assert.Empty(Process.Decider.Schedule(pending));
        Assert.False(pending.IsSettled);

        // The finality timer armed before the request no longer counts.
        ReferralEvent[] requested = [.. History.Refused, History.Stamp(new RequestForReviewReceived(received, RequestForReviewBy.Client, true), 42, Actors.Worker)];
        var stale = FinnishCalendar.ReminderAt(new DateOnly(2026, 3, 17));
        Spec.Given(requested).When(Timer(TimerKind.DecisionFinal, stale), stale).ThenNothing();

        var decided = Spec.Given(requested).When(DecideReview(RequestForReviewOutcome.Upheld, new DateOnly(2026, 3, 20)), History.Day(47));
        decided.Then(new RequestForReviewDecided(RequestForReviewOutcome.Upheld, new DateOnly(2026, 3, 20), "Perustelut."));
        var state = decided.ThenState();
        Assert.Equal(RequestForReviewOutcome.Upheld, state.RequestForReview!.Outcome);
        Assert.Null(state.DecisionFinalOn);
        Assert.True(state.IsSettled);
    }

    [Fact]
    public void A_late_request_is_recorded_as_late_and_the_decision_still_becomes_final()
    {
        var received = new DateOnly(2026, 3, 17); // the day after the last day
        var state = Spec.Given(History.Refused).When(RequestReview(received), History.Day(43)).ThenState();
        Assert.False(state.RequestForReview!.InTime);
        Assert.Equal(new DateOnly(2026, 3, 17), ReferralSchedule.FinalOn(state));
    }

    [Fact]
    public void A_request_for_review_needs_a_signed_decision_not_yet_final_and_comes_once()
    {
        Spec.Given(History.AwaitingSignature).When(RequestReview(SignedOn), History.Day(5)).ThenRejected(RejectionCode.InvalidState);
        Spec.Given([.. History.Refused, History.Stamp(new DecisionBecameFinal(new DateOnly(2026, 3, 17)), 43, Actor.System)])
            .When(RequestReview(new DateOnly(2026, 3, 18)), History.Day(44)).ThenRejected(RejectionCode.DecisionFinal, "2026-03-17");
        ReferralEvent[] requested = [.. History.Refused, History.Stamp(new RequestForReviewReceived(SignedOn.AddDays(3), RequestForReviewBy.Client, true), 10, Actors.Worker)];
        Spec.Given(requested).When(RequestReview(SignedOn.AddDays(4)), History.Day(11)).ThenRejected(RejectionCode.RequestForReviewAlreadyRecorded);
        Spec.Given(History.Refused).When(RequestReview(SignedOn.AddDays(-1)), History.Day(11)).ThenRejected(RejectionCode.DateOutOfOrder, "ReceivedOn");
        // Before the sending is recorded the period has not begun, so a request is in time.
        Spec.Given(History.RefusedNotNotified).When(RequestReview(SignedOn), History.Day(5))
            .Then(new RequestForReviewReceived(SignedOn, RequestForReviewBy.Client, InTime: true));
    }

    [Fact]
    public void The_review_body_decides_only_on_an_open_request_and_not_before_it_arrived()
    {
        Spec.Given(History.Refused).When(DecideReview(RequestForReviewOutcome.Annulled, SignedOn.AddDays(5)), History.Day(12))
            .ThenRejected(RejectionCode.NoOpenRequestForReview);
        ReferralEvent[] requested = [.. History.Refused, History.Stamp(new RequestForReviewReceived(SignedOn.AddDays(3), RequestForReviewBy.Representative, true), 10, Actors.Worker)];
        Spec.Given(requested).When(DecideReview(RequestForReviewOutcome.Changed, SignedOn.AddDays(2)), History.Day(12))
            .ThenRejected(RejectionCode.DateOutOfOrder, "DecidedOn");
        Spec.Given(requested).When(DecideReview(RequestForReviewOutcome.Changed, SignedOn.AddDays(5)) with { Reasons = " " }, History.Day(12))
            .ThenRejected(RejectionCode.InvalidInput, "Reasons");
    }
}
