using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Tests.Orchestration;

public class OrchestrationSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Recently = Now - OrchestrationSweep.Grace / 2;
    private static readonly DateTimeOffset LongAgo = Now.AddDays(-200);

    private readonly Mock<IOpenReferrals> open = new(MockBehavior.Strict);
    private readonly Mock<IOrchestrationInstances> instances = new(MockBehavior.Strict);
    private readonly List<string> started = [];
    private readonly List<string> raised = [];

    public OrchestrationSweepTests()
    {
        instances.Setup(i => i.StartAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, CancellationToken _) => started.Add(id)).Returns(Task.CompletedTask);
        instances.Setup(i => i.RaiseChangedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, CancellationToken _) => raised.Add(id)).Returns(Task.CompletedTask);
    }

    private static InstanceSnapshot Live(InstanceState state, DateTimeOffset updated, int seen) =>
        new(state, updated, new ReferralClockStatus(ReferralClockPhase.Sleeping, null, 3, 0, seen));

    [Fact]
    public async Task Restarts_missing_and_finished_instances_only()
    {
        var report = await Sweep(
            ("missing", null, null),
            ("failed", new InstanceSnapshot(InstanceState.Failed, Recently), null),
            ("terminated", new InstanceSnapshot(InstanceState.Terminated, Recently), null),
            ("canceled", new InstanceSnapshot(InstanceState.Canceled, Recently), null),
            ("completed-early", new InstanceSnapshot(InstanceState.Completed, LongAgo), 4),
            ("running", Live(InstanceState.Running, LongAgo, 4), null),
            ("pending", Live(InstanceState.Pending, Recently, 0), null),
            ("suspended", Live(InstanceState.Suspended, LongAgo, 1), 9));

        Assert.Equal(["missing", "failed", "terminated", "canceled", "completed-early"], started);
        Assert.Empty(raised);
        Assert.Equal(new SweepReport(Checked: 8, Started: 5), report);
    }

    [Fact]
    public async Task A_clock_that_has_not_seen_the_newest_outbox_version_is_woken_once_the_grace_has_passed()
    {
        var report = await Sweep(
            ("lost-wake", Live(InstanceState.Running, Now - OrchestrationSweep.Grace - TimeSpan.FromSeconds(1), seen: 4), 5),
            ("raise-in-flight", Live(InstanceState.Running, Recently, seen: 4), 5),
            ("retrying-mail", Live(InstanceState.Running, LongAgo, seen: 5), 5),
            ("sleeping-for-months", Live(InstanceState.Running, LongAgo, seen: 8), null),
            ("no-status-yet", new InstanceSnapshot(InstanceState.Running, LongAgo), 1));

        Assert.Equal(["lost-wake", "no-status-yet"], raised);
        Assert.Empty(started);
        Assert.Equal(new SweepReport(Checked: 5, Nudged: 2), report);
    }

    [Fact]
    public async Task One_failing_instance_does_not_stop_the_sweep()
    {
        Arrange(("broken", null, null), ("missing", null, null));
        instances.Setup(i => i.GetAsync("broken", It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());

        var report = await Run(CancellationToken.None);

        Assert.Equal(["missing"], started);
        Assert.Equal(new SweepReport(Checked: 2, Started: 1, Errors: 1), report);
    }

    [Fact]
    public async Task Cancellation_stops_the_sweep()
    {
        using var cancel = new CancellationTokenSource();
        Arrange(("first", null, null), ("second", null, null));
        instances.Setup(i => i.GetAsync("first", It.IsAny<CancellationToken>()))
            .Callback(cancel.Cancel).ThrowsAsync(new OperationCanceledException(cancel.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(cancel.Token));
        Assert.Empty(started);
    }

    [Fact]
    public async Task A_referral_named_by_several_sources_is_checked_once_with_its_newest_pending_version()
    {
        Arrange(("open-1", null, null), ("open-2", Live(InstanceState.Running, LongAgo, seen: 2), null));
        var pending = new Mock<IOpenReferrals>(MockBehavior.Strict);
        pending.Setup(o => o.ListOpenReferralsAsync(It.IsAny<CancellationToken>()))
            .Returns(new[] { new OpenReferral("open-1", 1), new OpenReferral("open-2", 3), new OpenReferral("closed-with-mail", 7) }.AsAsync());
        instances.Setup(i => i.GetAsync("closed-with-mail", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new InstanceSnapshot(InstanceState.Failed, LongAgo));

        var report = await new OrchestrationSweep([open.Object, pending.Object], instances.Object, NullLogger<OrchestrationSweep>.Instance)
            .RunAsync(Now).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["open-1", "closed-with-mail"], started);
        Assert.Equal(["open-2"], raised);
        Assert.Equal(new SweepReport(Checked: 3, Started: 2, Nudged: 1), report);
        instances.Verify(i => i.GetAsync("open-1", It.IsAny<CancellationToken>()), Times.Once);
    }

    private Task<SweepReport> Sweep(params (string Id, InstanceSnapshot? Instance, int? PendingVersion)[] referrals)
    {
        Arrange(referrals);
        return Run(CancellationToken.None);
    }

    private void Arrange(params (string Id, InstanceSnapshot? Instance, int? PendingVersion)[] referrals)
    {
        open.Setup(o => o.ListOpenReferralsAsync(It.IsAny<CancellationToken>()))
            .Returns(referrals.Select(r => new OpenReferral(r.Id, r.PendingVersion)).AsAsync());
        foreach (var (id, instance, _) in referrals)
            instances.Setup(i => i.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(instance);
    }

    private Task<SweepReport> Run(CancellationToken cancellationToken)
    {
        var sweep = new OrchestrationSweep([open.Object], instances.Object, NullLogger<OrchestrationSweep>.Instance);
        return sweep.RunAsync(Now, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10));
    }
}

internal static class AsyncSequence
{
    public static async IAsyncEnumerable<T> AsAsync<T>(this IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
