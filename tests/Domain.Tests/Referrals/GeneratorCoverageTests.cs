using FsCheck.Fluent;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>The properties are only as good as the runs behind them: the generated sequences must
/// reach every status and every kind of event, or the invariants are checked on shallow states.</summary>
public class GeneratorCoverageTests
{
    [Fact]
    public void Generated_runs_reach_every_status_and_every_event_type()
    {
        // The runs are random: with 29 kinds of step, 200 runs of 300 steps once missed a status in a full suite
        // (stop 21); three times as many runs make such a miss far rarer, in under half a second here.
        var runs = StepArbitraries.Steps().Generator.Sample(300, 600).Select(RandomRun.Run).ToList();
        var statuses = runs.SelectMany(r => r.Select(t => t.After.Status)).ToHashSet();
        var events = runs.SelectMany(r => RandomRun.Events(r).Select(e => e.GetType())).ToHashSet();

        // A redirect now leads to a refusing decision (ReferralRedirectedForRefusal); the old ReferralRedirected
        // and the Redirected status it led to are only replayed from old streams, never written, so no run reaches
        // them (ReviewSpecs.A_redirect_recorded_before_it_led_to_a_decision_still_ends_the_referral_on_replay).
        Assert.Equal(Enum.GetValues<ReferralStatus>().Where(s => s != ReferralStatus.Redirected).ToHashSet(), statuses);
        var eventTypes = typeof(ReferralEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ReferralEvent)) && !t.IsAbstract && t != typeof(ReferralRedirected));
        Assert.Equal(eventTypes.Select(t => t.Name).Order(), events.Select(t => t.Name).Order());
    }
}
