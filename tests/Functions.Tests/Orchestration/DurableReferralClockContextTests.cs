using Microsoft.DurableTask;
using Moq;
using Referrals.Functions.Orchestration;

namespace Referrals.Functions.Tests.Orchestration;

/// <summary>The adapter to the SDK's context: a timer that fires early is armed once more, a margin past
/// its due time, so the clock never wakes before its time however the backend rounds.</summary>
public class DurableReferralClockContextTests
{
    private static readonly DateTime Due = new(2026, 3, 2, 7, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-0.7, 2)]
    [InlineData(0, 1)]
    [InlineData(0.3, 1)]
    public async Task An_early_timer_is_armed_once_more_a_margin_past_its_due_time(double firedAtOffsetSeconds, int timers)
    {
        var sdk = new Mock<TaskOrchestrationContext>();
        var armed = new List<DateTime>();
        var now = Due.AddHours(-1);
        sdk.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        sdk.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime at, CancellationToken _) =>
            {
                armed.Add(at);
                now = armed.Count == 1 ? Due.AddSeconds(firedAtOffsetSeconds) : at;
                return Task.CompletedTask;
            });

        await new DurableReferralClockContext(sdk.Object).CreateTimer(Due, CancellationToken.None);

        Assert.Equal(timers, armed.Count);
        if (timers == 2) Assert.Equal(Due + DurableReferralClockContext.EarlyMargin, armed[1]);
        Assert.True(now >= Due);
    }
}
