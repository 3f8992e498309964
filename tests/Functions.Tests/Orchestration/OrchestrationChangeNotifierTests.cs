using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Tests.Orchestration;

public class OrchestrationChangeNotifierTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Mock<IOrchestrationInstances> instances = new(MockBehavior.Strict);
    private readonly List<string> calls = [];

    public OrchestrationChangeNotifierTests()
    {
        instances.Setup(i => i.StartAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, CancellationToken _) => calls.Add("start " + id)).Returns(Task.CompletedTask);
        instances.Setup(i => i.RaiseChangedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, CancellationToken _) => calls.Add("raise " + id)).Returns(Task.CompletedTask);
    }

    private OrchestrationChangeNotifier Notifier => new(instances.Object, NullLogger<OrchestrationChangeNotifier>.Instance);

    [Fact]
    public async Task A_hanging_engine_holds_the_request_no_longer_than_the_storage_request_budget()
    {
        var hanging = new Mock<IOrchestrationInstances>(MockBehavior.Strict);
        hanging.Setup(i => i.RaiseChangedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken token) => Task.Delay(Timeout.Infinite, token));
        var timeouts = Microsoft.Extensions.Options.Options.Create(new Functions.Storage.StorageTimeoutOptions
        {
            RequestNetworkTimeout = TimeSpan.FromMilliseconds(300), RequestMaxRetries = 0,
        });
        var notifier = new OrchestrationChangeNotifier(hanging.Object, NullLogger<OrchestrationChangeNotifier>.Instance, timeouts);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await notifier.ReferralChangedAsync("ref-1", version: 2); // logged, not thrown: the command has committed
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_submitted_referral_gets_its_clock_scheduled_with_no_look_up_and_no_event()
    {
        await Notifier.ReferralChangedAsync("ref-1", version: 1);

        Assert.Equal(["start ref-1"], calls);
        instances.Verify(i => i.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(17)]
    public async Task A_later_change_raises_the_event_at_once_one_request(int version)
    {
        await Notifier.ReferralChangedAsync("ref-1", version);

        Assert.Equal(["raise ref-1"], calls);
        instances.Verify(i => i.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Losing_the_race_to_start_raises_the_event_on_the_winner_instance()
    {
        instances.Setup(i => i.GetAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(new InstanceSnapshot(InstanceState.Pending, At));
        instances.Setup(i => i.StartAsync("ref-1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("an instance with this id already exists"));

        await Notifier.ReferralChangedAsync("ref-1", 1);

        Assert.Equal(["raise ref-1"], calls);
    }

    [Fact]
    public async Task A_failure_after_the_commit_is_not_thrown_at_the_caller()
    {
        instances.Setup(i => i.StartAsync("ref-1", It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());
        instances.Setup(i => i.GetAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync((InstanceSnapshot?)null);
        instances.Setup(i => i.RaiseChangedAsync("ref-2", It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());

        await Notifier.ReferralChangedAsync("ref-1", 1);
        await Notifier.ReferralChangedAsync("ref-2", 5);

        instances.Verify(i => i.RaiseChangedAsync("ref-1", It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        // The caller's cancellation; a timeout of the notifier's own is logged instead (see above).
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        instances.Setup(i => i.RaiseChangedAsync("ref-1", It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException(cancel.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Notifier.ReferralChangedAsync("ref-1", 3, cancel.Token));
    }

    [Fact]
    public async Task A_timer_fired_by_the_clock_itself_does_not_wake_the_clock()
    {
        using (ClockTurn.Begin())
            await Notifier.ReferralChangedAsync("ref-1", 4);

        Assert.Empty(calls);
        Assert.False(ClockTurn.IsActive);
    }
}
