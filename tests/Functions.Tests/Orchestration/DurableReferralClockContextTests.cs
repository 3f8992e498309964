using Microsoft.DurableTask;
using Moq;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Tests.Orchestration;

/// <summary>The adapter to the SDK's context: every timer is set a margin past its due time, so the clock
/// never wakes before its time however the backend rounds; should a backend still fire before the due time,
/// one more timer is set.</summary>
public class DurableReferralClockContextTests
{
    private static readonly DateTime Due = new(2026, 3, 2, 7, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-1.2, 2)] // the backend fired more than a second before the timer it was given: before the due time
    [InlineData(-0.7, 1)] // up to a second early, as Azure Storage's whole-second visibility allows: still at or after the due time
    [InlineData(0, 1)]
    [InlineData(0.3, 1)]
    public async Task Every_timer_is_set_a_margin_past_its_due_time_and_never_completes_before_it(double firedAtOffsetSeconds, int timers)
    {
        var sdk = new Mock<TaskOrchestrationContext>();
        var armed = new List<DateTime>();
        var now = Due.AddHours(-1);
        sdk.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        sdk.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime at, CancellationToken _) =>
            {
                armed.Add(at);
                // The backend fires relative to the time it was given.
                now = armed.Count == 1 ? at.AddSeconds(firedAtOffsetSeconds) : at;
                return Task.CompletedTask;
            });

        await new DurableReferralClockContext(sdk.Object).CreateTimer(Due, CancellationToken.None);

        Assert.Equal(timers, armed.Count);
        Assert.All(armed, at => Assert.Equal(Due + DurableReferralClockContext.EarlyMargin, at));
        Assert.True(now >= Due);
    }
}
