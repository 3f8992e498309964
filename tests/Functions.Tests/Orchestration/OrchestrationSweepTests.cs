using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Referrals.Functions.Orchestration;

namespace Referrals.Functions.Tests.Orchestration;

public class OrchestrationSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Recently = Now.AddHours(-3);
    private static readonly DateTimeOffset LongAgo = Now - OrchestrationSweep.StuckAfter - TimeSpan.FromMinutes(1);

    private readonly Mock<IOpenReferrals> open = new(MockBehavior.Strict);
    private readonly Mock<IOrchestrationInstances> instances = new(MockBehavior.Strict);
    private readonly List<string> started = [];
    private readonly List<string> terminated = [];

    public OrchestrationSweepTests()
    {
        instances.Setup(i => i.StartAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, CancellationToken _) => started.Add(id)).Returns(Task.CompletedTask);
        instances.Setup(i => i.TerminateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, string _, CancellationToken _) => terminated.Add(id)).Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task Restarts_missing_and_finished_instances_only()
    {
        var report = await Sweep(
            ("missing", null),
            ("failed", new InstanceSnapshot(InstanceState.Failed, Recently)),
            ("terminated", new InstanceSnapshot(InstanceState.Terminated, Recently)),
            ("canceled", new InstanceSnapshot(InstanceState.Canceled, Recently)),
            ("completed-early", new InstanceSnapshot(InstanceState.Completed, LongAgo)),
            ("running", new InstanceSnapshot(InstanceState.Running, Recently)),
            ("pending", new InstanceSnapshot(InstanceState.Pending, Recently)),
            ("suspended", new InstanceSnapshot(InstanceState.Suspended, LongAgo)));

        Assert.Equal(["missing", "failed", "terminated", "canceled", "completed-early"], started);
        Assert.Empty(terminated);
        Assert.Equal(new SweepReport(Checked: 8, Started: 5), report);
    }

    [Fact]
    public async Task Terminates_silent_instances_so_that_the_next_sweep_restarts_them()
    {
        var report = await Sweep(
            ("silent-running", new InstanceSnapshot(InstanceState.Running, LongAgo)),
            ("silent-pending", new InstanceSnapshot(InstanceState.Pending, LongAgo)),
            ("just-within", new InstanceSnapshot(InstanceState.Running, Now - OrchestrationSweep.StuckAfter)));

        Assert.Equal(["silent-running", "silent-pending"], terminated);
        Assert.Empty(started);
        Assert.Equal(new SweepReport(Checked: 3, Terminated: 2), report);
    }

    [Fact]
    public async Task A_healthy_clock_is_never_treated_as_stuck()
    {
        // A healthy instance writes at least every MaxSleep (plus its retries); the sweep must allow that.
        Assert.True(OrchestrationSweep.StuckAfter > ReferralClockOrchestration.MaxSleep + ReferralClockOrchestration.FirstRetryDelay);
        await Sweep(("daily", new InstanceSnapshot(InstanceState.Running, Now - ReferralClockOrchestration.MaxSleep)));
        Assert.Empty(terminated);
    }

    [Fact]
    public async Task One_failing_instance_does_not_stop_the_sweep()
    {
        Arrange(("broken", null), ("missing", null));
        instances.Setup(i => i.GetAsync("broken", It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());

        var report = await Run(CancellationToken.None);

        Assert.Equal(["missing"], started);
        Assert.Equal(new SweepReport(Checked: 2, Started: 1, Errors: 1), report);
    }

    [Fact]
    public async Task Cancellation_stops_the_sweep()
    {
        using var cancel = new CancellationTokenSource();
        Arrange(("first", null), ("second", null));
        instances.Setup(i => i.GetAsync("first", It.IsAny<CancellationToken>()))
            .Callback(cancel.Cancel).ThrowsAsync(new OperationCanceledException(cancel.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(cancel.Token));
        Assert.Empty(started);
    }

    private Task<SweepReport> Sweep(params (string Id, InstanceSnapshot? Instance)[] referrals)
    {
        Arrange(referrals);
        return Run(CancellationToken.None);
    }

    private void Arrange(params (string Id, InstanceSnapshot? Instance)[] referrals)
    {
        open.Setup(o => o.ListOpenReferralIdsAsync(It.IsAny<CancellationToken>()))
            .Returns(referrals.Select(r => r.Id).ToAsyncEnumerable());
        foreach (var (id, instance) in referrals)
            instances.Setup(i => i.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(instance);
    }

    private Task<SweepReport> Run(CancellationToken cancellationToken)
    {
        var sweep = new OrchestrationSweep([open.Object], instances.Object, NullLogger<OrchestrationSweep>.Instance);
        return sweep.RunAsync(Now, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_referral_named_by_several_sources_is_checked_once_and_ended_ones_with_mail_are_restarted()
    {
        Arrange(("open-1", null), ("open-2", new InstanceSnapshot(InstanceState.Running, Recently)));
        instances.Setup(i => i.GetAsync("closed-with-mail", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new InstanceSnapshot(InstanceState.Failed, LongAgo));
        var pendingMail = new PendingOutboxReferrals(_ => Task.FromResult<IReadOnlyList<string>>(["open-1", "closed-with-mail"]));

        var report = await new OrchestrationSweep([open.Object, pendingMail], instances.Object, NullLogger<OrchestrationSweep>.Instance)
            .RunAsync(Now).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["open-1", "closed-with-mail"], started);
        Assert.Equal(new SweepReport(Checked: 3, Started: 2), report);
        instances.Verify(i => i.GetAsync("open-1", It.IsAny<CancellationToken>()), Times.Once);
    }
}
