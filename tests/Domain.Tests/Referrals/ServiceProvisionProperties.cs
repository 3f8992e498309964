using FsCheck.Xunit;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using Outcome = Referrals.Domain.Common.Outcome;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>The provision timers over random command sequences: each (kind, due) is raised at most once and never early
/// (with the other timers, <see cref="DeciderProperties"/>), and the step that answers one clears it.</summary>
public class ServiceProvisionProperties
{
    private static readonly TimerKind[] Kinds =
        [TimerKind.ProviderReportDue, TimerKind.DecidedEndPassed, TimerKind.ServiceStartLimitApproaching, TimerKind.ServiceStartLimitOverdue];

    [Property(Arbitrary = [typeof(StepArbitraries)], MaxTest = 300)]
    public bool The_provision_timers_are_raised_once_and_cleared_by_the_step_that_answers_them(Step[] steps)
    {
        foreach (var turn in RandomRun.Run(steps))
        {
            if (turn.Outcome is not Outcome.Accepted { Events: var events }) continue;
            var before = Process.Decider.Schedule(turn.Before).Where(t => Kinds.Contains(t.Kind)).ToList();
            var after = Process.Decider.Schedule(turn.After).Where(t => Kinds.Contains(t.Kind)).ToList();
            bool Still(TimerKind kind) => after.Any(a => a.Kind == kind && before.Any(b => b.Kind == kind && b.DueAt == a.DueAt));
            foreach (var raised in events.OfType<ReminderRaised>().Where(r => Kinds.Contains(r.Kind)))
                if (after.Any(t => t.Kind == raised.Kind && t.DueAt == raised.DueAt)) return false;
            if (events.OfType<ProviderReportRecorded>().Any(r => r.On > (turn.Before.ProviderReports.Count > 0 ? turn.Before.ProviderReports.Max() : turn.Before.ServiceStartedOn))
                && Still(TimerKind.ProviderReportDue)) return false;
            if (events.Any(e => e is ServiceStarted or ServiceClosed or ReferralWithdrawn)
                && (Still(TimerKind.ServiceStartLimitApproaching) || Still(TimerKind.ServiceStartLimitOverdue))) return false;
            if (events.Any(e => e is ServiceClosed) && after.Count > 0) return false;
        }
        var raisedAll = RandomRun.Events(RandomRun.Run(steps)).OfType<ReminderRaised>().Where(r => Kinds.Contains(r.Kind)).ToList();
        return raisedAll.Select(r => (r.Kind, r.DueAt)).Distinct().Count() == raisedAll.Count;
    }
}
