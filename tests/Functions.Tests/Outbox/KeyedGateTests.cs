using Referrals.Functions.Commands;

namespace Referrals.Functions.Tests.Outbox;

/// <summary>The courier's per-referral gate: one delivery of a referral at a time, referrals never wait on each other,
/// and no gate outlives its last user.</summary>
public sealed class KeyedGateTests
{
    [Fact]
    public async Task Two_flows_of_one_key_run_one_after_the_other()
    {
        var gate = new KeyedGate();
        var firstInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondEntered = false;

        var first = gate.RunAsync("r-1", async () => { firstInside.SetResult(); await releaseFirst.Task; return 1; }, CancellationToken.None);
        await firstInside.Task;
        var second = gate.RunAsync("r-1", () => { secondEntered = true; return Task.FromResult(2); }, CancellationToken.None);

        await Task.Delay(50);
        Assert.False(secondEntered);
        Assert.False(second.IsCompleted);
        releaseFirst.SetResult();
        var results = await Task.WhenAll(first, second);
        Assert.Equal(new[] { 1, 2 }, results);
        Assert.True(secondEntered);
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task Another_key_does_not_wait_for_a_held_one()
    {
        var gate = new KeyedGate();
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync("r-1", async () => { await releaseFirst.Task; return 1; }, CancellationToken.None);

        var other = await gate.RunAsync("r-2", () => Task.FromResult(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, other);
        Assert.Equal(1, gate.Count);
        releaseFirst.SetResult();
        await first;
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_no_gate_behind_and_a_failure_releases_the_key()
    {
        var gate = new KeyedGate();
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync<int>("r-1", async () => { await releaseFirst.Task; throw new InvalidOperationException("delivery failed"); }, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var waiter = gate.RunAsync("r-1", () => Task.FromResult(0), giveUp.Token);

        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        releaseFirst.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);

        Assert.Equal(0, gate.Count);
        Assert.Equal(3, await gate.RunAsync("r-1", () => Task.FromResult(3), CancellationToken.None));
    }
}
