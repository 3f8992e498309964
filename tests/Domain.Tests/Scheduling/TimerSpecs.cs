using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Scheduling;

/// <summary>A timer that comes due is a command: it raises its reminder once, and is ignored when the
/// state has moved on, when it comes early, or when it names a timer the state does not call for.</summary>
public class TimerSpecs
{
    private static DueTimer Due(IEnumerable<ReferralEvent> events, TimerKind kind) =>
        Process.Decider.Schedule(ReferralDecider.Replay(Spec.ReferralId, events)).Single(t => t.Kind == kind);

    [Fact]
    public void A_due_timer_raises_its_reminder_once()
    {
        var due = Due(History.AwaitingReview, TimerKind.ReviewOverdue);
        var raised = Spec.Given(History.AwaitingReview).When(Timer(due.Kind, due.DueAt), due.DueAt).Then(new ReminderRaised(due.Kind, due.DueAt));
        Spec.Given([.. History.AwaitingReview, .. raised]).When(Timer(due.Kind, due.DueAt), due.DueAt.AddHours(1)).ThenNothing();
    }

    [Fact]
    public void A_timer_that_comes_early_does_nothing()
    {
        var due = Due(History.AwaitingReview, TimerKind.ReviewOverdue);
        Spec.Given(History.AwaitingReview).When(Timer(due.Kind, due.DueAt), due.DueAt.AddTicks(-1)).ThenNothing();
    }

    [Fact]
    public void A_timer_the_state_no_longer_calls_for_does_nothing()
    {
        var due = Due(History.AwaitingReview, TimerKind.ReviewOverdue);
        Spec.Given(History.AwaitingGrantingDraft).When(Timer(due.Kind, due.DueAt), due.DueAt.AddDays(1)).ThenNothing();
        Spec.Given(History.AwaitingReview).When(Timer(due.Kind, due.DueAt.AddMinutes(1)), due.DueAt.AddDays(1)).ThenNothing();
        Spec.Given(History.AwaitingReview).When(Timer(TimerKind.DraftingOverdue, due.DueAt), due.DueAt.AddDays(1)).ThenNothing();
    }

    [Fact]
    public void The_same_instant_in_another_offset_is_the_same_timer()
    {
        var due = Due(History.AwaitingReview, TimerKind.ReviewOverdue);
        var utc = due.DueAt.ToUniversalTime();
        Spec.Given(History.AwaitingReview).When(Timer(due.Kind, utc), utc).Then(new ReminderRaised(due.Kind, utc));
    }

    [Fact]
    public void The_end_of_the_review_request_period_makes_the_decision_final()
    {
        var due = Due(History.Refused, TimerKind.DecisionFinal);
        var spec = Spec.Given(History.Refused).When(Timer(due.Kind, due.DueAt), due.DueAt);
        spec.Then(new DecisionBecameFinal(new DateOnly(2026, 3, 17)));
        var state = spec.ThenState();
        Assert.Equal(new DateOnly(2026, 3, 17), state.DecisionFinalOn);
        Assert.DoesNotContain(Process.Decider.Schedule(state), t => t.Kind == TimerKind.DecisionFinal);
    }

    [Fact]
    public void Only_the_clock_fires_timers_and_only_known_kinds()
    {
        var due = Due(History.AwaitingReview, TimerKind.ReviewOverdue);
        Spec.Given(History.AwaitingReview).When(Timer(due.Kind, due.DueAt, Actors.Worker), due.DueAt).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.AwaitingReview).When(Timer((TimerKind)99, due.DueAt), due.DueAt).ThenRejected(RejectionCode.InvalidInput, "Kind");
        Spec.Given().When(Timer(due.Kind, due.DueAt), due.DueAt).ThenRejected(RejectionCode.NotSubmitted);
    }
}
