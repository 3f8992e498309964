using Moq;
using Referrals.Functions.Clock;
using Referrals.Functions.Orchestration;

namespace Referrals.Functions.Tests.Orchestration;

public class ReferralClockActivitiesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly Mock<IReferralClock> clock = new(MockBehavior.Strict);
    private readonly Mock<IOutboxCourier> courier = new(MockBehavior.Strict);
    private ReferralClockActivities Activities => new(clock.Object, courier.Object);

    [Fact]
    public async Task Next_due_reads_the_schedule_of_an_open_referral()
    {
        clock.Setup(c => c.HasEndedAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(false);
        clock.Setup(c => c.NextDueAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(Now.AddDays(14));

        var result = await Activities.NextDueAsync(new ReferralActivityInput("ref-1"));

        Assert.Equal(new NextDueResult(Now.AddDays(14), HasEnded: false), result);
    }

    [Fact]
    public async Task Next_due_of_an_ended_referral_says_so_without_reading_the_schedule()
    {
        clock.Setup(c => c.HasEndedAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await Activities.NextDueAsync(new ReferralActivityInput("ref-1"));

        Assert.Equal(new NextDueResult(null, HasEnded: true), result);
        clock.Verify(c => c.NextDueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Fire_due_timers_fires_at_the_time_the_orchestration_passed_in()
    {
        using var cancel = new CancellationTokenSource();
        var insideTurn = false;
        clock.Setup(c => c.FireDueTimersAsync("ref-2", Now, cancel.Token))
            .Callback(() => insideTurn = ClockTurn.IsActive).ReturnsAsync(3);

        Assert.Equal(3, await Activities.FireDueTimersAsync(new FireDueTimersInput("ref-2", Now), cancel.Token));
        Assert.True(insideTurn, "timer commands run inside the clock's turn, so they do not wake it again");
        Assert.False(ClockTurn.IsActive);
    }

    [Fact]
    public async Task Deliver_outbox_hands_the_referral_to_the_courier()
    {
        courier.Setup(c => c.DeliverAsync("ref-3", It.IsAny<CancellationToken>())).ReturnsAsync(2);

        Assert.Equal(2, await Activities.DeliverOutboxAsync(new ReferralActivityInput("ref-3")));
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
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Activities.NextDueAsync(new ReferralActivityInput("")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Activities.NextDueAsync(null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Activities.FireDueTimersAsync(new FireDueTimersInput(" ", Now)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Activities.DeliverOutboxAsync(null!));
    }
}
