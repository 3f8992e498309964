using Moq;
using Referrals.Functions.Commands;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Tests.Orchestration;

public class ReferralClockActivitiesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly Mock<IReferralClock> clock = new(MockBehavior.Strict);
    private readonly Mock<IOutboxCourier> courier = new(MockBehavior.Strict);
    private ReferralClockActivities Activities => new(clock.Object, courier.Object);

    [Fact]
    public async Task Deliver_outbox_delivers_then_reads_what_the_clock_needs_next()
    {
        var order = new List<string>();
        courier.Setup(c => c.DeliverAsync("ref-1", It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("deliver")).ReturnsAsync(new OutboxDelivery(2, 1, Now.AddMinutes(1)));
        clock.Setup(c => c.ReadAsync("ref-1", It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("read")).ReturnsAsync(new ClockState(5, Now.AddDays(14), false));

        var result = await Activities.DeliverOutboxAsync(new ReferralActivityInput("ref-1"));

        Assert.Equal(new ClockReading(5, Now.AddDays(14), Now.AddMinutes(1), HasEnded: false, Delivered: 2), result);
        Assert.Equal(["deliver", "read"], order);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public async Task An_ended_referral_counts_as_ended_only_once_nothing_is_left_to_deliver(int remaining, bool ended)
    {
        courier.Setup(c => c.DeliverAsync("ref-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OutboxDelivery(1, remaining, remaining > 0 ? Now.AddSeconds(30) : null));
        clock.Setup(c => c.ReadAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(new ClockState(9, null, true));

        var result = await Activities.DeliverOutboxAsync(new ReferralActivityInput("ref-1"));

        Assert.Equal(ended, result.HasEnded);
        Assert.Null(result.NextDue);
    }

    [Fact]
    public async Task Fire_due_timers_fires_at_the_time_the_orchestration_passed_in()
    {
        using var cancel = new CancellationTokenSource();
        var insideTurn = false;
        var order = new List<string>();
        clock.Setup(c => c.FireDueTimersAsync("ref-2", Now, cancel.Token))
            .Callback(() => { insideTurn = ClockTurn.IsActive; order.Add("fire"); }).ReturnsAsync(3);
        courier.Setup(c => c.DeliverAsync("ref-2", cancel.Token))
            .Callback(() => order.Add("deliver")).ReturnsAsync(new OutboxDelivery(3, 0, null));
        clock.Setup(c => c.ReadAsync("ref-2", cancel.Token)).ReturnsAsync(new ClockState(8, Now.AddDays(30), false));

        Assert.Equal(new ClockReading(8, Now.AddDays(30), null, false, 3),
            await Activities.FireDueTimersAsync(new FireDueTimersInput("ref-2", Now), cancel.Token));
        Assert.Equal(["fire", "deliver"], order);
        Assert.True(insideTurn, "timer commands run inside the clock's turn, so they do not wake it again");
        Assert.False(ClockTurn.IsActive);
    }

    [Fact]
    public async Task A_port_failure_surfaces_so_the_runtime_retries_the_activity()
    {
        courier.Setup(c => c.DeliverAsync("ref-3", It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("smtp down"));

        await Assert.ThrowsAsync<IOException>(() => Activities.DeliverOutboxAsync(new ReferralActivityInput("ref-3")));
    }

    [Fact]
    public async Task Inputs_without_a_referral_id_are_refused_before_touching_storage()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Activities.DeliverOutboxAsync(new ReferralActivityInput("")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Activities.FireDueTimersAsync(new FireDueTimersInput(" ", Now)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Activities.DeliverOutboxAsync(null!));
    }
}
