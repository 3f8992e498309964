using Moq;
using Referrals.Functions.Orchestration;
using static Referrals.Functions.Orchestration.ReferralClockNames;

namespace Referrals.Functions.Tests.Orchestration;

/// <summary>A Moq-driven <see cref="IReferralClockContext"/> whose timer and "referral changed" wait
/// are completed by the test, so each interleaving is set up explicitly. A wait that the test does not
/// complete ends only when the orchestration cancels it, which is what a durable context does.</summary>
internal sealed class ReferralClockHarness
{
    public static readonly DateTime T0 = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    public Mock<IReferralClockContext> Context { get; } = new(MockBehavior.Strict);
    public List<(DateTime FireAt, CancellationToken Token)> Timers { get; } = [];
    public List<CancellationToken> EventWaits { get; } = [];
    public List<ReferralClockInput> ContinuedWith { get; } = [];
    public List<ReferralClockStatus> Statuses { get; } = [];
    public List<(string Name, object Input, ActivityRetry Retry)> Activities { get; } = [];

    /// <summary>How the timer and event waits behave: complete at once, or only when cancelled.</summary>
    public bool TimerFires { get; set; }
    public bool ChangeArrives { get; set; }

    public ReferralClockHarness(params DateTime[] clockReadings)
    {
        var readings = new Queue<DateTime>(clockReadings.Length > 0 ? clockReadings : [T0]);
        var last = readings.Peek();
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => last = readings.Count > 0 ? readings.Dequeue() : last);
        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken token) =>
            {
                Timers.Add((fireAt, token));
                return TimerFires ? Task.CompletedTask : UntilCancelled(token);
            });
        Context.Setup(c => c.WaitForExternalEvent(ReferralChangedEvent, It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken token) =>
            {
                EventWaits.Add(token);
                return ChangeArrives ? Task.CompletedTask : UntilCancelled(token);
            });
        Context.Setup(c => c.ContinueAsNew(It.IsAny<ReferralClockInput>())).Callback<ReferralClockInput>(ContinuedWith.Add);
        Context.Setup(c => c.SetCustomStatus(It.IsAny<ReferralClockStatus>())).Callback<ReferralClockStatus>(Statuses.Add);
        Fires(0);
        Delivers(0);
        NextDue(null);
    }

    public ReferralClockHarness Fires(int count) => Activity(FireDueTimers, () => Task.FromResult(count));
    public ReferralClockHarness Delivers(int count) => Activity(DeliverOutbox, () => Task.FromResult(count));
    public ReferralClockHarness NextDue(DateTimeOffset? due, bool ended = false) =>
        Activity(ReferralClockNames.NextDue, () => Task.FromResult(new NextDueResult(due, ended)));

    public ReferralClockHarness Fails<T>(string name) =>
        Activity<T>(name, () => Task.FromException<T>(new ActivityFailedException(name, "storage unavailable")));

    public int Calls(string name) => Activities.Count(a => a.Name == name);

    public Task<ReferralClockOutcome> RunAsync(ReferralClockInput input) =>
        new ReferralClockOrchestration().RunAsync(Context.Object, input);

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
