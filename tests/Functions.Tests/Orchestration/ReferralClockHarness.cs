using Moq;
using Referrals.Functions.Clock;
using static Referrals.Functions.Clock.ReferralClockNames;

namespace Referrals.Functions.Tests.Orchestration;

/// <summary>A Moq-driven <see cref="IReferralClockContext"/> whose timer and "referral changed" wait
/// are completed by the test, so each interleaving is set up explicitly. A wait that the test does not
/// complete ends only when the orchestration cancels it, which is what a durable context does. A timer
/// that fires moves the orchestration's time to where <see cref="Lands"/> says (its fire time by default).</summary>
internal sealed class ReferralClockHarness
{
    public static readonly DateTime T0 = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    private readonly Queue<ClockReading> readings = new();
    private ClockReading lastReading = new(3, null, null, false);

    public Mock<IReferralClockContext> Context { get; } = new(MockBehavior.Strict);
    public DateTime Now { get; set; } = T0;
    public List<(DateTime FireAt, CancellationToken Token)> Timers { get; } = [];
    public List<CancellationToken> EventWaits { get; } = [];
    public List<ReferralClockInput> ContinuedWith { get; } = [];
    public List<ReferralClockStatus> Statuses { get; } = [];
    public List<(string Name, object Input, ActivityRetry Retry)> Activities { get; } = [];

    /// <summary>How the timer and event waits behave: complete at once, or only when cancelled.</summary>
    public bool TimerFires { get; set; }
    public bool ChangeArrives { get; set; }

    /// <summary>The orchestration's time once a timer set for the given time has fired (the n-th timer).</summary>
    public Func<DateTime, int, DateTime> Lands { get; set; } = (fireAt, _) => fireAt;

    public ReferralClockHarness()
    {
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => Now);
        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken token) =>
            {
                Timers.Add((fireAt, token));
                if (!TimerFires) return UntilCancelled(token);
                Now = Lands(fireAt, Timers.Count);
                return Task.CompletedTask;
            });
        Context.Setup(c => c.WaitForExternalEvent(ReferralChangedEvent, It.IsAny<CancellationToken>()))
            .Returns((string name, CancellationToken token) =>
            {
                EventWaits.Add(token);
                if (!ChangeArrives) return UntilCancelled(token);
                // Arrives a moment later, while the clock sleeps (after it armed its timer, if it has one).
                var arrives = new TaskCompletionSource();
                _ = Task.Delay(20, CancellationToken.None).ContinueWith(delay => { arrives.TrySetResult(); }, TaskScheduler.Default);
                return arrives.Task;
            });
        Context.Setup(c => c.ContinueAsNew(It.IsAny<ReferralClockInput>())).Callback<ReferralClockInput>(ContinuedWith.Add);
        Context.Setup(c => c.SetCustomStatus(It.IsAny<ReferralClockStatus>())).Callback<ReferralClockStatus>(Statuses.Add);
        Activity(DeliverOutbox, () => Task.FromResult(Next()));
        Activity(FireDueTimers, () => Task.FromResult(Next()));
    }

    /// <summary>Turns in one execution before continue-as-new (1: each run is one turn).</summary>
    public int TurnsPerRun { get; set; } = 1;

    private ClockReading Next() => readings.Count > 0 ? lastReading = readings.Dequeue() : lastReading;

    /// <summary>What the successive DeliverOutbox and FireDueTimers calls read (the last one repeats).</summary>
    public ReferralClockHarness Reads(params ClockReading[] successive)
    {
        foreach (var reading in successive) readings.Enqueue(reading);
        return this;
    }

    public ReferralClockHarness Reads(DateTimeOffset? nextDue, bool ended = false, DateTimeOffset? retryAt = null, int version = 3) =>
        Reads(new ClockReading(version, nextDue, retryAt, ended));

    public ReferralClockHarness Fails<T>(string name) =>
        Activity<T>(name, () => Task.FromException<T>(new ActivityFailedException(name, "storage unavailable")));

    public int Calls(string name) => Activities.Count(a => a.Name == name);

    public Task<ReferralClockOutcome> RunAsync(ReferralClockInput input) =>
        new ReferralClockOrchestration(turnsPerRun: TurnsPerRun).RunAsync(Context.Object, input);

    private ReferralClockHarness Activity<T>(string name, Func<Task<T>> result)
    {
        Context.Setup(c => c.CallActivity<T>(name, It.IsAny<object>(), It.IsAny<ActivityRetry>()))
            .Returns((string n, object input, ActivityRetry retry) =>
            {
                Activities.Add((n, input, retry));
                return result();
            });
        return this;
    }

    private static Task UntilCancelled(CancellationToken token)
    {
        var pending = new TaskCompletionSource();
        token.Register(() => pending.TrySetCanceled(token));
        return pending.Task;
    }
}
