using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Clock;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Clock;

[Collection(DevServicesCollection.Name)]
public sealed class ClockTests(DevServices services)
{
    [Fact]
    public async Task Two_hosts_firing_the_same_due_timers_while_a_worker_writes_raise_each_reminder_once()
    // What a retried or replayed FireDueTimers activity on two hosts amounts to: the timer commands'
    // idempotency keys make the second firing write nothing.
    {
        await using var first = TestRuntime.Create(services, Scenario.Start);
        // A second host on the same tables, with its own in-memory state.
        await using var second = TestRuntime.Create(services, Scenario.Start, settings: new Dictionary<string, string?>
        {
            ["Storage:NamePrefix"] = first.Prefix,
        });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = DevServices.NewReferralId();
            ids.Add(id);
            await first.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        }
        await first.SettleAsync();
        var due = (await first.ReferralClock.ReadAsync(ids[0])).NextDue;
        Assert.NotNull(due);
        first.Time.SetUtcNow(due.Value.AddHours(1));
        second.Time.SetUtcNow(due.Value.AddHours(1));

        // Both clocks fire at once while the referrals are also being written to.
        async Task<int> FireAll(TestRuntime host) =>
            (await Task.WhenAll(ids.Select(id => host.ReferralClock.FireDueTimersAsync(id, host.Clock.GetUtcNow())))).Sum();
        var firing = Task.WhenAll(FireAll(first), FireAll(second));
        // The review body approves the first referrals meanwhile: for them the reminder may lose to the approval.
        var approved = ids.Take(2).ToHashSet();
        var writing = Task.WhenAll(approved.Select(id => second.Commands.ExecuteAsync(id, Scenario.Approve(), null, null)));
        var fired = await firing;
        await writing;

        // A user command that lost to a timer gets a conflict (the client retries); the timer never does.
        foreach (var (firstResult, id) in (await writing).Zip(approved))
        {
            var result = firstResult is CommandResult.Conflict
                ? await second.Commands.ExecuteAsync(id, Scenario.Approve(), null, null)
                : firstResult;
            Assert.IsType<CommandResult.Accepted>(result);
        }
        Assert.InRange(fired.Sum(), ids.Count, ids.Count * 2);
        foreach (var id in ids)
        {
            var events = (await first.Reader.TimelineAsync(id)).Select(e => e.Event).ToList();
            var reminders = events.OfType<ReminderRaised>().ToList();
            if (approved.Contains(id)) Assert.InRange(reminders.Count, 0, 1);
            else Assert.Equal(TimerKind.ReviewOverdue, Assert.Single(reminders).Kind);
        }
        foreach (var id in ids)
        {
            var next = (await first.ReferralClock.ReadAsync(id)).NextDue;
            Assert.True(next is null || next > first.Time.GetUtcNow(), $"a due timer was left: {next}");
        }
    }

    [Fact]
    public async Task The_clock_of_one_referral_reads_its_timers_from_the_snapshot()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var clock = runtime.ReferralClock;
        var id = DevServices.NewReferralId();
        Assert.Equal(new ClockState(0, null, false), await clock.ReadAsync(id));
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);

        var due = (await clock.ReadAsync(id)).NextDue;
        Assert.NotNull(due);
        Assert.Equal(0, await clock.FireDueTimersAsync(id, due.Value.AddSeconds(-1)));
        runtime.Time.SetUtcNow(due.Value);
        Assert.Equal(1, await clock.FireDueTimersAsync(id, due.Value));
        Assert.Equal(0, await clock.FireDueTimersAsync(id, due.Value)); // raised: no longer in the snapshot
        Assert.Single((await runtime.Reader.TimelineAsync(id)).Select(e => e.Event).OfType<ReminderRaised>());
        Assert.False((await clock.ReadAsync(id)).HasEnded);
        Assert.Equal(2, (await clock.ReadAsync(id)).Version);

        await runtime.Commands.ExecuteAsync(id, new WithdrawReferral("Asiakas muutti.") { By = Scenario.Worker }, null, null);
        Assert.Equal(new ClockState(3, null, true), await clock.ReadAsync(id));
    }
}
