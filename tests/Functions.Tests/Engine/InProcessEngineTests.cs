using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Referrals.Functions.Commands;
using Referrals.Functions.Clock;
using Referrals.Functions.Tests.Infrastructure;
using static Referrals.Functions.Clock.ReferralClockNames;

namespace Referrals.Functions.Tests.Engine;

/// <summary>The real orchestrator, activities and adapter on the Durable Task SDK's in-process test host
/// (the real worker and client over an in-memory backend): quick interleavings of events, timers and
/// failures. Storage is a fake referral here; <see cref="AzureStorageEngineTests"/> covers the Azure
/// Storage backend on Azurite.</summary>
public sealed class InProcessEngineTests : IAsyncLifetime
{
    private static readonly ActivityRetry Quick = new(2, TimeSpan.FromMilliseconds(100), 1, TimeSpan.FromMilliseconds(100));
    private readonly FakeReferral referral = new();
    private DurableTaskTestHost host = null!;
    private IOrchestrationInstances instances = null!;
    private readonly string id = "ref-" + Guid.NewGuid().ToString("N")[..10];

    public Task InitializeAsync() => StartHostAsync(ReferralClockOrchestration.TurnsPerRun);

    private async Task StartHostAsync(int turnsPerRun)
    {
        var activities = new ReferralClockActivities(referral, referral);
        host = await DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestrator(Orchestrator, () => new ReferralClockOrchestrator(retry: Quick, turnsPerRun: turnsPerRun));
            registry.AddActivityFunc<FireDueTimersInput, ClockReading>(FireDueTimers, (_, input) => activities.FireDueTimersAsync(input!));
            registry.AddActivityFunc<ReferralActivityInput, ClockReading>(DeliverOutbox, (_, input) => activities.DeliverOutboxAsync(input!));
        }, new DurableTaskTestHostOptions { Port = DevServices.FreePort(), LoggerFactory = NullLoggerFactory.Instance });
        instances = new DurableTaskClientInstances(() => host.Client);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_event_before_the_timer_wakes_the_clock_which_delivers_without_firing()
    {
        referral.NextDue = DateTimeOffset.UtcNow.AddMinutes(5);
        await instances.StartAsync(id);
        await Until(() => Status()?.Phase == ReferralClockPhase.Sleeping);

        referral.Change();
        await instances.RaiseChangedAsync(id);

        await Until(() => Status()?.SeenVersion == 2);
        Assert.Equal(2, referral.Deliveries);
        Assert.Empty(referral.Firings);
        Assert.Equal(referral.NextDue!.Value.UtcDateTime, Status()!.WakeAt);
    }

    [Fact]
    public async Task A_timer_that_comes_due_fires_once_at_or_after_its_time_then_the_clock_waits_for_changes_only()
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        referral.NextDue = due;
        await instances.StartAsync(id);

        await Until(() => Status()?.Phase == ReferralClockPhase.Waiting, TimeSpan.FromSeconds(10));
        var firing = Assert.Single(referral.Firings);
        Assert.True(firing >= due, $"fired at {firing:O}, due {due:O}");
        Assert.Null(Status()!.WakeAt);
        Assert.Equal(2, referral.Deliveries); // once at the start, once in the firing turn
    }

    [Fact]
    public async Task An_event_that_arrives_during_a_turn_wakes_the_next_sleep_at_once()
    {
        referral.HoldFirstDelivery = new TaskCompletionSource();
        await instances.StartAsync(id);
        await Until(() => referral.Delivering);

        referral.Change();
        await instances.RaiseChangedAsync(id); // while the first delivery still runs
        referral.HoldFirstDelivery.SetResult();

        await Until(() => Status()?.SeenVersion == 2);
        Assert.Equal(2, referral.Deliveries);
    }

    [Fact]
    public async Task An_ended_referral_completes_its_instance_after_the_last_delivery()
    {
        referral.Ended = true;
        await instances.StartAsync(id);

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, wait.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ReferralClockOutcome.Ended, done.ReadOutputAs<ReferralClockOutcome>());
        Assert.Equal(1, referral.Deliveries);
    }

    [Fact]
    public async Task An_activity_failing_every_retry_leaves_the_instance_running_and_retrying()
    {
        referral.FailDeliveries = true;
        await instances.StartAsync(id);

        await Until(() => Status()?.Phase == ReferralClockPhase.Retrying);
        var instance = await instances.GetAsync(id);
        Assert.Equal(InstanceState.Running, instance!.State);
        Assert.Equal(1, instance.Status!.Failures);
        Assert.Equal(Quick.MaxAttempts, referral.DeliveryAttempts);
    }

    [Fact]
    public async Task Changes_raised_across_continue_as_new_are_all_seen_by_the_next_execution()
    {
        await host.DisposeAsync();
        await StartHostAsync(turnsPerRun: 1); // every turn continues as new
        await instances.StartAsync(id);
        await Until(() => Status()?.Phase == ReferralClockPhase.Waiting);

        for (var change = 0; change < 5; change++)
        {
            referral.Change();
            await instances.RaiseChangedAsync(id); // some land while the execution is being replaced
        }

        await Until(() => Status()?.SeenVersion == 6 && Status()?.Phase == ReferralClockPhase.Waiting);
        var instance = (await host.Client.GetInstanceAsync(id))!;
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
        Assert.InRange(referral.Deliveries, 2, 6); // the first turn, then at least one for the changes
        Assert.True(Status()!.Turn >= 1, "the clock continued as new at least once");
    }

    [Fact]
    public async Task A_terminated_clock_is_started_again_by_the_sweep()
    {
        referral.NextDue = DateTimeOffset.UtcNow.AddDays(3);
        await instances.StartAsync(id);
        await Until(() => Status()?.Phase == ReferralClockPhase.Sleeping);
        await instances.TerminateAsync(id, "operator");
        await Until(() => instances.GetAsync(id).Result?.State == InstanceState.Terminated);

        var sweep = new OrchestrationSweep([new Named(id)], instances, NullLogger<OrchestrationSweep>.Instance);
        var report = await sweep.RunAsync(DateTimeOffset.UtcNow);

        Assert.Equal(1, report.Started);
        await Until(() => referral.Deliveries == 2 && Status()?.Phase == ReferralClockPhase.Sleeping);
        Assert.Equal(InstanceState.Running, (await instances.GetAsync(id))!.State);
    }

    private ReferralClockStatus? Status() => instances.GetAsync(id).GetAwaiter().GetResult()?.Status;

    private static async Task Until(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not reached in time");
            await Task.Delay(50);
        }
    }

    private sealed class Named(string referralId) : IOpenReferrals
    {
        public async IAsyncEnumerable<OpenReferral> ListOpenReferralsAsync(
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new OpenReferral(referralId);
        }
    }

    /// <summary>A referral's storage as the clock's ports see it, on wall-clock time.</summary>
    private sealed class FakeReferral : IReferralClock, IOutboxCourier
    {
        private int version = 1;

        public DateTimeOffset? NextDue { get; set; }
        public bool Ended { get; set; }
        public bool FailDeliveries { get; set; }
        public TaskCompletionSource? HoldFirstDelivery { get; set; }
        public bool Delivering { get; private set; }
        public int Deliveries { get; private set; }
        public int DeliveryAttempts { get; private set; }
        public ConcurrentQueue<DateTimeOffset> Firings { get; } = new();

        public void Change() => Interlocked.Increment(ref version);

        public Task<ClockState> ReadAsync(string referralId, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ClockState(version, Ended ? null : NextDue, Ended));

        public Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            if (NextDue is not { } due || due > now) return Task.FromResult(0);
            Firings.Enqueue(now);
            NextDue = null;
            return Task.FromResult(1);
        }

        public async Task<OutboxDelivery> DeliverAsync(string referralId, CancellationToken cancellationToken = default)
        {
            DeliveryAttempts++;
            if (FailDeliveries) throw new IOException("smtp down");
            Delivering = true;
            if (Deliveries == 0 && HoldFirstDelivery is { } hold) await hold.Task;
            Delivering = false;
            Deliveries++;
            return new OutboxDelivery(1, 0, null);
        }
    }
}
