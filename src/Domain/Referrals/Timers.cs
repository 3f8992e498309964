using Referrals.Domain.Common;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Referrals;

/// <summary>A timer that came due arrives as a command. It counts only if the state still calls for
/// exactly that timer and its time has come; otherwise the referral has moved on and nothing happens.</summary>
internal static class Timers
{
    /// <summary>Every decision whose review period ended at this timer becomes final; the latest is named by
    /// no number (as in streams of a single decision), an earlier one by its number.</summary>
    private static Outcome Final(DecisionContext c, TimerElapsed t)
    {
        var decisions = c.State.SignedDecisions;
        var events = new List<ReferralEvent>();
        foreach (var decision in decisions)
        {
            if (ReferralSchedule.FinalOn(decision) is not { } finalOn) continue;
            var profile = c.Profile;
            if (profile is not null && Calendar.FinnishCalendar.ReminderAt(finalOn, profile.Deadlines.ReminderHour) != t.DueAt) continue;
            var final = new DecisionBecameFinal(finalOn) { At = c.Now, By = c.By };
            events.Add(decision.Number == decisions.Count ? final : final with { DecisionNumber = decision.Number });
        }
        return events.Count == 0 ? Outcome.Nothing : new Outcome.Accepted(events);
    }

    public static Outcome Decide(DecisionContext c, TimerElapsed t, IReadOnlyList<DueTimer> schedule)
    {
        var refused = Permissions.System(c) ?? Input.Defined(t.Kind, nameof(t.Kind));
        if (refused is not null) return refused;
        var due = schedule.FirstOrDefault(d => d.Kind == t.Kind && d.DueAt == t.DueAt);
        if (due is null || t.DueAt > c.Now) return Outcome.Nothing;
        if (t.Kind == TimerKind.DecisionFinal) return Final(c, t);
        if (t.Kind == TimerKind.ServiceEndsByDecision && c.State.Ending is { Draft.End: { } lastDay } ending)
            return c.Accept(new ServiceClosed(lastDay, ending.Draft.Reasons, FeedbackCollected: false)
            {
                EndedByDecision = ending.Number,
                EndingReason = ending.Draft.EndingReason,
            });
        return c.Accept(new ReminderRaised(t.Kind, t.DueAt));
    }
}
