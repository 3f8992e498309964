using Referrals.Domain.Common;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Referrals;

/// <summary>A timer that came due arrives as a command. It counts only if the state still calls for
/// exactly that timer and its time has come; otherwise the referral has moved on and nothing happens.</summary>
internal static class Timers
{
    public static Outcome Decide(DecisionContext c, TimerElapsed t, IReadOnlyList<DueTimer> schedule)
    {
        var refused = Permissions.System(c) ?? Input.Defined(t.Kind, nameof(t.Kind));
        if (refused is not null) return refused;
        var due = schedule.FirstOrDefault(d => d.Kind == t.Kind && d.DueAt == t.DueAt);
        if (due is null || t.DueAt > c.Now) return Outcome.Nothing;
        if (t.Kind == TimerKind.DecisionFinal && ReferralSchedule.FinalOn(c.State) is { } finalOn)
            return c.Accept(new DecisionBecameFinal(finalOn));
        return c.Accept(new ReminderRaised(t.Kind, t.DueAt));
    }
}
