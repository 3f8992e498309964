using Moq;
using System.Text.Json;
using Referrals.Functions.Orchestration;
using static Referrals.Functions.Orchestration.ReferralClockNames;
using static Referrals.Functions.Tests.Orchestration.ReferralClockHarness;

namespace Referrals.Functions.Tests.Orchestration;

public class ReferralClockOrchestrationTests
{
    private static readonly ReferralClockInput Input = new("ref-7f3a", Turn: 4);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Event_before_timer_wakes_the_clock_and_cancels_the_timer()
    {
        var clock = new ReferralClockHarness().NextDue(T0.AddHours(3));
        clock.ChangeArrives = true;

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        var timer = Assert.Single(clock.Timers);
        Assert.Equal(T0.AddHours(3), timer.FireAt);
        Assert.True(timer.Token.IsCancellationRequested, "the losing timer must be cancelled");
        Assert.Equal([Input with { Turn = 5 }], clock.ContinuedWith);
    }

    [Fact]
    public async Task Timer_first_cancels_the_event_wait_and_continues_as_new()
    {
        var clock = new ReferralClockHarness().NextDue(T0.AddMinutes(30));
        clock.TimerFires = true;

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        Assert.True(Assert.Single(clock.EventWaits).IsCancellationRequested, "the losing event wait must be cancelled");
        Assert.Single(clock.ContinuedWith);
    }

    [Fact]
    public async Task Each_turn_fires_and_delivers_before_reading_the_next_due_time()
    {
        var clock = new ReferralClockHarness().Fires(2).Delivers(3).NextDue(T0.AddDays(2));
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal([FireDueTimers, DeliverOutbox, NextDue], clock.Activities.Select(a => a.Name));
        Assert.Equal(new FireDueTimersInput(Input.ReferralId, new DateTimeOffset(T0)), clock.Activities[0].Input);
        Assert.Equal(new ReferralActivityInput(Input.ReferralId), clock.Activities[1].Input);
        Assert.All(clock.Activities, a => Assert.Equal(ReferralClockOrchestration.Retry, a.Retry));
    }

    [Fact]
    public async Task Fires_at_the_orchestration_time_of_the_turn_start_not_a_later_reading()
    {
        var clock = new ReferralClockHarness(T0, T0.AddSeconds(40)).NextDue(T0.AddHours(1));
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(new DateTimeOffset(T0), ((FireDueTimersInput)clock.Activities[0].Input).Now);
    }

    [Fact]
    public async Task A_closed_referral_completes_after_its_outbox_is_delivered()
    {
        var clock = new ReferralClockHarness().Delivers(1).NextDue(null, ended: true);

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.Ended, outcome);
        Assert.Equal(1, clock.Calls(DeliverOutbox));
        Assert.Empty(clock.Timers);
        Assert.Empty(clock.EventWaits);
        Assert.Empty(clock.ContinuedWith);
        Assert.Equal(ReferralClockPhase.Ended, Assert.Single(clock.Statuses).Phase);
    }

    [Fact]
    public async Task A_closed_referral_whose_delivery_failed_does_not_complete_but_retries_soon()
    {
        var clock = new ReferralClockHarness().Fails<int>(DeliverOutbox).NextDue(null, ended: true);
        clock.TimerFires = true;

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        Assert.Equal(T0 + ReferralClockOrchestration.FirstRetryDelay, Assert.Single(clock.Timers).FireAt);
        Assert.Equal(1, Assert.Single(clock.ContinuedWith).Failures);
    }

    [Fact]
    public async Task A_failed_fire_still_delivers_and_reads_then_backs_off_instead_of_sleeping_a_day()
    {
        var clock = new ReferralClockHarness().Fails<int>(FireDueTimers).NextDue(T0.AddDays(3));
        clock.TimerFires = true;

        await clock.RunAsync(Input with { Failures = 2 }).WaitAsync(Bound);

        Assert.Equal(1, clock.Calls(DeliverOutbox));
        Assert.Equal(1, clock.Calls(NextDue));
        Assert.Equal(T0.AddMinutes(20), Assert.Single(clock.Timers).FireAt);
        var status = Assert.Single(clock.Statuses);
        Assert.Equal((ReferralClockPhase.Retrying, 3), (status.Phase, status.Failures));
        Assert.Equal(Input with { Turn = 5, Failures = 3 }, Assert.Single(clock.ContinuedWith));
    }

    [Fact]
    public async Task A_failed_read_of_the_next_due_time_never_completes_the_instance()
    {
        var clock = new ReferralClockHarness().Fails<NextDueResult>(NextDue);
        clock.ChangeArrives = true;

        var outcome = await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(ReferralClockOutcome.ContinuedAsNew, outcome);
        Assert.Equal(T0 + ReferralClockOrchestration.FirstRetryDelay, Assert.Single(clock.Timers).FireAt);
    }

    [Fact]
    public async Task An_unexpected_exception_is_not_swallowed()
    {
        var clock = new ReferralClockHarness();
        clock.Context.Setup(c => c.CallActivity<int>(FireDueTimers, It.IsAny<object>(), It.IsAny<ActivityRetry>()))
            .ThrowsAsync(new InvalidOperationException("non-determinism"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => clock.RunAsync(Input).WaitAsync(Bound));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1.5)]
    public async Task Never_sleeps_longer_than_a_day(double daysUntilDue)
    {
        var clock = new ReferralClockHarness().NextDue(T0.AddDays(daysUntilDue));
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(T0.AddDays(1), Assert.Single(clock.Timers).FireAt);
        Assert.Equal(T0.AddDays(1), Assert.Single(clock.Statuses).WakeAt);
    }

    [Fact]
    public async Task With_nothing_scheduled_it_still_wakes_daily_to_reread_the_truth()
    {
        var clock = new ReferralClockHarness().NextDue(null);
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(T0.AddDays(1), Assert.Single(clock.Timers).FireAt);
    }

    [Fact]
    public async Task A_timer_that_came_due_during_the_turn_is_fired_at_once_in_the_next_turn()
    {
        var now = T0.AddMinutes(2);
        var clock = new ReferralClockHarness(T0, now).NextDue(T0.AddMinutes(1));

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Empty(clock.Timers);
        Assert.Equal(ReferralClockPhase.CatchingUp, Assert.Single(clock.Statuses).Phase);
        Assert.Equal(Input with { Turn = 5 }, Assert.Single(clock.ContinuedWith));
    }

    [Fact]
    public async Task A_timer_that_stays_due_after_firing_backs_off_instead_of_spinning()
    {
        var clock = new ReferralClockHarness(T0, T0.AddSeconds(5)).NextDue(T0.AddHours(-1));
        clock.TimerFires = true;

        await clock.RunAsync(Input).WaitAsync(Bound);

        Assert.Equal(T0.AddSeconds(5) + ReferralClockOrchestration.FirstRetryDelay, Assert.Single(clock.Timers).FireAt);
        Assert.Equal(1, Assert.Single(clock.ContinuedWith).Failures);
    }

    [Fact]
    public async Task A_successful_turn_resets_the_failure_count()
    {
        var clock = new ReferralClockHarness().NextDue(T0.AddHours(2));
        clock.TimerFires = true;

        await clock.RunAsync(new ReferralClockInput("ref-1", Turn: 9, Failures: 6)).WaitAsync(Bound);

        Assert.Equal(new ReferralClockInput("ref-1", Turn: 10, Failures: 0), Assert.Single(clock.ContinuedWith));
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
    [InlineData(9, 1280)]
    [InlineData(10, 1440)]
    [InlineData(int.MaxValue, 1440)]
    public void Retry_delay_doubles_up_to_a_day(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ReferralClockOrchestration.RetryDelay(failures));

    [Fact]
    public void Payloads_survive_the_durable_json_round_trip_and_carry_only_the_referral_id()
    {
        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web })
        {
            var input = new ReferralClockInput("ref-7f3a", 12, 1);
            Assert.Equal(input, RoundTrip(input, options));
            var fire = new FireDueTimersInput("ref-7f3a", new DateTimeOffset(T0));
            Assert.Equal(fire, RoundTrip(fire, options));
            var due = new NextDueResult(new DateTimeOffset(T0), false);
            Assert.Equal(due, RoundTrip(due, options));
            var status = new ReferralClockStatus(ReferralClockPhase.Sleeping, T0, 1, 0);
            Assert.Contains("\"Sleeping\"", JsonSerializer.Serialize(status, options));
            Assert.Equal(status, RoundTrip(status, options));
        }
        Assert.Equal(["ReferralId", "Turn", "Failures"], typeof(ReferralClockInput).GetProperties().Select(p => p.Name));
    }

    private static T? RoundTrip<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, options), options);
}
