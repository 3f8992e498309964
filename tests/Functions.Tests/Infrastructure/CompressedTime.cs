using Referrals.Functions.Clock;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>Business time that runs <see cref="Factor"/> times faster than the wall clock, from
/// <paramref name="businessStart"/> at the moment of construction. A real engine's durable timers run on
/// the wall clock, so a test that lives a referral's year in seconds gives the application this as its
/// <see cref="TimeProvider"/> and the orchestrator the matching view of its context
/// (<see cref="Contexts"/>): the process still knows one time only, the compressed one.</summary>
public sealed class CompressedTime(DateTimeOffset businessStart, double factor) : TimeProvider
{
    private DateTimeOffset wallStart = DateTimeOffset.UtcNow;

    public double Factor => factor;

    /// <summary>Business time starts again from its start, now (after a warm-up the run should not count).</summary>
    public void Restart() => wallStart = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => ToBusiness(DateTimeOffset.UtcNow);

    public DateTimeOffset ToBusiness(DateTimeOffset wall) => businessStart + (wall - wallStart) * factor;

    public DateTimeOffset ToWall(DateTimeOffset business) => wallStart + (business - businessStart) / factor;

    /// <summary>How long in real time until business time reaches <paramref name="business"/>.</summary>
    public TimeSpan WallUntil(DateTimeOffset business) => ToWall(business) - DateTimeOffset.UtcNow;

    /// <summary>The orchestrator's view of its durable context in compressed time.</summary>
    internal ReferralClockContextFactory Contexts => context => new View(new DurableReferralClockContext(context), this);

    private sealed class View(IReferralClockContext inner, CompressedTime time) : IReferralClockContext
    {
        public DateTime CurrentUtcDateTime =>
            time.ToBusiness(new DateTimeOffset(DateTime.SpecifyKind(inner.CurrentUtcDateTime, DateTimeKind.Utc))).UtcDateTime;

        public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
            inner.CreateTimer(time.ToWall(new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc))).UtcDateTime, cancellationToken);

        public Task WaitForExternalEvent(string eventName, CancellationToken cancellationToken) =>
            inner.WaitForExternalEvent(eventName, cancellationToken);

        public Task<TResult> CallActivity<TResult>(string name, object input, ActivityRetry retry) =>
            inner.CallActivity<TResult>(name, input, retry);

        public void ContinueAsNew(ReferralClockInput input) => inner.ContinueAsNew(input);

        public void SetCustomStatus(ReferralClockStatus status) => inner.SetCustomStatus(status);
    }
}
