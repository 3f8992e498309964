using Referrals.Functions.Commands;

namespace Referrals.Functions.Clock;

/// <summary>The referral clock's activities as plain methods over the storage ports; both hosts' activity
/// registrations only forward to these. Each re-reads the truth, so a retried or repeated activity is
/// harmless: firing uses the timers' idempotency keys and the courier delivers at least once.</summary>
public sealed class ReferralClockActivities(IReferralClock clock, IOutboxCourier courier)
{
    /// <summary>Fires at the orchestration's time, not the machine's, so a replayed or retried
    /// activity fires the same timers, then delivers what they wrote and reads what comes next: a timer
    /// turn is one activity. The commands it runs do not wake the clock (<see cref="ClockTurn"/>).</summary>
    public async Task<ClockReading> FireDueTimersAsync(FireDueTimersInput input, CancellationToken cancellationToken = default)
    {
        var referralId = RequireId(input?.ReferralId);
        using (ClockTurn.Begin())
            await clock.FireDueTimersAsync(referralId, input!.Now, cancellationToken);
        return await DeliverOutboxAsync(new ReferralActivityInput(referralId), cancellationToken);
    }

    /// <summary>Delivers what is pending, then reads the snapshot: the referral counts as ended for the
    /// clock only once nothing is left to deliver, so its last mail is never dropped.</summary>
    public async Task<ClockReading> DeliverOutboxAsync(ReferralActivityInput input, CancellationToken cancellationToken = default)
    {
        var referralId = RequireId(input?.ReferralId);
        var delivery = await courier.DeliverAsync(referralId, cancellationToken);
        var state = await clock.ReadAsync(referralId, cancellationToken);
        return new ClockReading(
            state.Version,
            state.HasEnded ? null : state.NextDue,
            delivery.RetryAt,
            HasEnded: state.HasEnded && delivery.Remaining == 0,
            delivery.Delivered);
    }

    private static string RequireId(string? referralId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referralId);
        return referralId;
    }
}
