using Moq;
using System.Text.Json;
using Referrals.Functions.Clock;
using static Referrals.Functions.Clock.ReferralClockNames;
using static Referrals.Functions.Tests.Orchestration.ReferralClockHarness;

namespace Referrals.Functions.Tests.Orchestration;

/// <summary>The clock's logic over a mocked context, one interleaving per test. The same class runs on
/// the real engines in <c>ReferralClockOnEngineTests</c> and <c>AzureStorageEngineTests</c>.</summary>
public class ReferralClockOrchestrationTests
{
    private static readonly ReferralClockInput Input = new("ref-7f3a", Turn: 4);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Event_before_timer_wakes_the_clock_and_cancels_the_timer()
    {
        var clock = new ReferralClockHarness().Reads(T0.AddHours(3));
        clock.ChangeArrives = true;

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        var timer = Assert.Single(clock.Timers);
        Assert.Equal(T0.AddHours(3), timer.FireAt);
        Assert.True(timer.Token.IsCancellationRequested, "the losing timer must be cancelled");
        Assert.Equal([Input with { Turn = 5, NextDue = T0.AddHours(3) }], clock.ContinuedWith);
    }

    [Fact]
    public async Task Timer_first_cancels_the_event_wait_and_continues_as_new_knowing_the_due_time()
    {
        var clock = new ReferralClockHarness().Reads(T0.AddMinutes(30));
        clock.TimerFires = true;

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        Assert.True(Assert.Single(clock.EventWaits).IsCancellationRequested, "the losing event wait must be cancelled");
        Assert.Equal(T0.AddMinutes(30), Assert.Single(clock.ContinuedWith).NextDue);
    }

    [Fact]
    public async Task A_wake_at_the_known_due_time_is_one_activity_that_fires_and_delivers()
    {
        var clock = new ReferralClockHarness().Reads(T0.AddDays(2));
        clock.ChangeArrives = true;

        await clock.RunAsync(Input with { NextDue = T0 }).WaitAsync(Bound);

        Assert.Equal([FireDueTimers], clock.Activities.Select(a => a.Name));
        Assert.Equal(new FireDueTimersInput(Input.ReferralId, new DateTimeOffset(T0)), clock.Activities[0].Input);
        Assert.All(clock.Activities, a => Assert.Equal(ReferralClockOrchestration.Retry, a.Retry));
    }

    [Fact]
    public async Task A_wake_by_a_change_before_the_due_time_only_delivers()
    {
        var clock = new ReferralClockHarness().Reads(T0.AddHours(1));
        clock.ChangeArrives = true;

        await clock.RunAsync(Input with { NextDue = T0.AddHours(1) }).WaitAsync(Bound);

        Assert.Equal([DeliverOutbox], clock.Activities.Select(a => a.Name));
    }

    [Fact]
    public async Task A_fresh_start_reads_first_and_fires_only_what_is_due()
    {
        var clock = new ReferralClockHarness().Reads(new ClockReading(1, T0.AddMinutes(-1), null, false), new ClockReading(2, T0.AddDays(9), null, false));
        clock.ChangeArrives = true;

        await clock.RunAsync(new ReferralClockInput("ref-new")).WaitAsync(Bound);

        Assert.Equal([DeliverOutbox, FireDueTimers], clock.Activities.Select(a => a.Name));
        Assert.Equal(T0.AddDays(9), Assert.Single(clock.Timers).FireAt);
    }

    [Fact]
    public async Task A_timer_that_completes_before_its_time_fires_nothing_and_the_next_turn_sleeps_again()
    {
        // The adapter keeps the backend's early timers from reaching the clock; should one get through,
        // nothing fires before its due time as the process sees it.
        var due = T0.AddHours(5);
        var clock = new ReferralClockHarness { Lands = (fireAt, _) => fireAt.AddSeconds(-1) }.Reads(due);
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);
        Assert.Equal([due], clock.Timers.Select(t => t.FireAt));
        Assert.Equal([DeliverOutbox], clock.Activities.Select(a => a.Name));
        Assert.Equal(due, Assert.Single(clock.ContinuedWith).NextDue);

        var next = new ReferralClockHarness { Now = clock.Now }.Reads(due);
        next.TimerFires = true;
        await next.RunAsync(Assert.Single(clock.ContinuedWith)).WaitAsync(Bound);
        Assert.Equal(0, next.Calls(FireDueTimers));
        Assert.Equal([due], next.Timers.Select(t => t.FireAt)); // armed again for the due time
        Assert.Equal(due, next.Now);
    }

    [Fact]
    public async Task A_closed_referral_completes_after_its_outbox_is_delivered()
    {
        var clock = new ReferralClockHarness().Reads(null, ended: true, version: 12);

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.Ended, outcome);
        Assert.Equal(1, clock.Calls(DeliverOutbox));
        Assert.Empty(clock.Timers);
        Assert.Empty(clock.EventWaits);
        Assert.Empty(clock.ContinuedWith);
        var status = Assert.Single(clock.Statuses);
        Assert.Equal((ReferralClockPhase.Ended, 12), (status.Phase, status.SeenVersion));
    }

    [Fact]
    public async Task A_failed_delivery_does_not_complete_but_retries_soon()
    {
        var clock = new ReferralClockHarness().Fails<ClockReading>(DeliverOutbox);
        clock.TimerFires = true;

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        Assert.Equal(T0 + ReferralClockOrchestration.FirstRetryDelay, Assert.Single(clock.Timers).FireAt);
        Assert.Equal(1, Assert.Single(clock.ContinuedWith).Failures);
        Assert.Equal(0, Assert.Single(clock.Statuses).SeenVersion);
    }

    [Fact]
    public async Task A_failed_fire_backs_off_and_keeps_the_due_time_to_fire_again()
    {
        var clock = new ReferralClockHarness().Fails<ClockReading>(FireDueTimers);
        clock.TimerFires = true;

        await clock.RunAsync(Input with { Failures = 2, NextDue = T0 }).WaitAsync(Bound);

        Assert.Equal(0, clock.Calls(DeliverOutbox));
        Assert.Equal(T0.AddMinutes(20), Assert.Single(clock.Timers).FireAt);
        var status = Assert.Single(clock.Statuses);
        Assert.Equal((ReferralClockPhase.Retrying, 3), (status.Phase, status.Failures));
        Assert.Equal(Input with { Turn = 5, Failures = 3, NextDue = T0 }, Assert.Single(clock.ContinuedWith));
    }

    [Fact]
    public async Task Turns_within_one_run_keep_the_armed_timer_while_its_time_is_still_wanted()
    {
        var due = T0.AddDays(10);
        var clock = new ReferralClockHarness { TurnsPerRun = 3 }.Reads(
            new ClockReading(3, due, null, false), new ClockReading(4, due, null, false), new ClockReading(5, due.AddDays(1), null, false));
        clock.ChangeArrives = true; // a change wakes each turn

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        Assert.Equal([due, due.AddDays(1)], clock.Timers.Select(t => t.FireAt)); // armed once for the first two turns
        Assert.True(clock.Timers.All(t => t.Token.IsCancellationRequested), "no timer is left open at continue-as-new");
        Assert.Equal([DeliverOutbox, DeliverOutbox, DeliverOutbox], clock.Activities.Select(a => a.Name));
        Assert.Equal(Input with { Turn = 7, NextDue = due.AddDays(1) }, Assert.Single(clock.ContinuedWith));
        Assert.Equal([3, 4, 5], clock.Statuses.Select(s => s.SeenVersion));
    }

    [Fact]
    public async Task An_unexpected_exception_is_not_swallowed()
    {
        var clock = new ReferralClockHarness();
        clock.Context.Setup(c => c.CallActivity<ClockReading>(DeliverOutbox, It.IsAny<object>(), It.IsAny<ActivityRetry>()))
            .ThrowsAsync(new InvalidOperationException("non-determinism"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => clock.RunAsync(Input).WaitAsync(Bound));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1.5)]
    public async Task Sleeps_until_the_due_time_however_far_never_on_a_daily_beat(double daysUntilDue)
    {
        var clock = new ReferralClockHarness().Reads(T0.AddDays(daysUntilDue));
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(T0.AddDays(daysUntilDue), Assert.Single(clock.Timers).FireAt);
        Assert.Equal(T0.AddDays(daysUntilDue), Assert.Single(clock.Statuses).WakeAt);
    }

    [Fact]
    public async Task With_nothing_due_it_waits_for_a_change_only()
    {
        var clock = new ReferralClockHarness().Reads(null, version: 7);
        clock.ChangeArrives = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Empty(clock.Timers);
        Assert.Single(clock.EventWaits);
        var status = Assert.Single(clock.Statuses);
        Assert.Equal((ReferralClockPhase.Waiting, null, 7), (status.Phase, status.WakeAt, status.SeenVersion));
    }

    [Fact]
    public async Task An_outbox_retry_before_the_next_due_time_wakes_the_clock_for_it()
    {
        var clock = new ReferralClockHarness().Reads(T0.AddDays(4), retryAt: T0.AddSeconds(30));
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(T0.AddSeconds(30), Assert.Single(clock.Timers).FireAt);
    }

    [Fact]
    public async Task A_timer_that_stays_due_after_firing_backs_off_instead_of_spinning()
    {
        var clock = new ReferralClockHarness().Reads(T0.AddHours(-1));
        clock.TimerFires = true;

        await clock.RunAsync(Input with { NextDue = T0.AddHours(-1) }).WaitAsync(Bound);

        Assert.Equal(T0 + ReferralClockOrchestration.FirstRetryDelay, Assert.Single(clock.Timers).FireAt);
        var next = Assert.Single(clock.ContinuedWith);
        Assert.Equal((1, null), (next.Failures, next.NextDue));
    }

    [Fact]
    public async Task A_successful_turn_resets_the_failure_count()
    {
        var clock = new ReferralClockHarness().Reads(T0.AddHours(2));
        clock.TimerFires = true;

        await clock.RunAsync(new ReferralClockInput("ref-1", Turn: 9, Failures: 6)).WaitAsync(Bound);

        Assert.Equal(new ReferralClockInput("ref-1", Turn: 10, Failures: 0, NextDue: T0.AddHours(2)), Assert.Single(clock.ContinuedWith));
        Assert.Equal(T0.AddHours(2), Assert.Single(clock.Timers).FireAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Refuses_an_input_without_a_referral_id(string? referralId)
    {
        var clock = new ReferralClockHarness();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => clock.RunAsync(new ReferralClockInput(referralId!)));
        Assert.Empty(clock.Activities);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(7, 320)]
    [InlineData(8, 360)]
    [InlineData(int.MaxValue, 360)]
    public void Retry_delay_doubles_up_to_six_hours(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ReferralClockOrchestration.RetryDelay(failures));

    [Fact]
    public void Payloads_survive_the_durable_json_round_trip_and_carry_only_the_referral_id()
    {
        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web, new JsonSerializerOptions { IncludeFields = true } })
        {
            var input = new ReferralClockInput("ref-7f3a", 12, 1, new DateTimeOffset(T0));
            Assert.Equal(input, RoundTrip(input, options));
            var fire = new FireDueTimersInput("ref-7f3a", new DateTimeOffset(T0));
            Assert.Equal(fire, RoundTrip(fire, options));
            var reading = new ClockReading(4, new DateTimeOffset(T0), null, false, 2);
            Assert.Equal(reading, RoundTrip(reading, options));
            var status = new ReferralClockStatus(ReferralClockPhase.Sleeping, T0, 1, 0, 4);
            Assert.Contains("\"Sleeping\"", JsonSerializer.Serialize(status, options));
            Assert.Equal(status, RoundTrip(status, options));
        }
        Assert.Equal(["ReferralId", "Turn", "Failures", "NextDue"], typeof(ReferralClockInput).GetProperties().Select(p => p.Name));
        Assert.Equal(new ReferralClockStatus(ReferralClockPhase.Waiting, null, 2, 0, 9),
            InstanceSnapshot.ParseStatus(JsonSerializer.Serialize(new ReferralClockStatus(ReferralClockPhase.Waiting, null, 2, 0, 9))));
        Assert.Null(InstanceSnapshot.ParseStatus("not json"));
    }

    private static T? RoundTrip<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, options), options);
}
