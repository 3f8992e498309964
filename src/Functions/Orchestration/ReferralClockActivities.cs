using Referrals.Functions.Clock;

namespace Referrals.Functions.Orchestration;

/// <summary>The referral clock's activities as plain methods over the storage ports; the Azure build's
/// activity functions only forward to these. Each re-reads the truth, so a retried or repeated
/// activity is harmless: firing uses the timers' idempotency keys and the courier delivers at least once.</summary>
public sealed class ReferralClockActivities(IReferralClock clock, IOutboxCourier courier)
{
    public async Task<NextDueResult> NextDueAsync(ReferralActivityInput input, CancellationToken cancellationToken = default)
    {
        var referralId = RequireId(input?.ReferralId);
        if (await clock.HasEndedAsync(referralId, cancellationToken))
            return new NextDueResult(null, HasEnded: true);
        return new NextDueResult(await clock.NextDueAsync(referralId, cancellationToken), HasEnded: false);
    }

    /// <summary>Fires at the orchestration's time, not the machine's, so a replayed or retried
    /// activity fires the same timers. The commands it runs do not wake the clock (<see cref="ClockTurn"/>).</summary>
    public async Task<int> FireDueTimersAsync(FireDueTimersInput input, CancellationToken cancellationToken = default)
    {
        var referralId = RequireId(input?.ReferralId);
        using (ClockTurn.Begin())
            return await clock.FireDueTimersAsync(referralId, input!.Now, cancellationToken);
    }

    public Task<int> DeliverOutboxAsync(ReferralActivityInput input, CancellationToken cancellationToken = default) =>
        courier.DeliverAsync(RequireId(input?.ReferralId), cancellationToken);

    private static string RequireId(string? referralId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referralId);
        return referralId;
    }
}
