namespace Referrals.Functions.Clock;

/// <summary>What the referral clock (the durable orchestration's activities) needs from storage. Every
/// call re-reads the truth; none depends on a single wake-up.</summary>
public interface IReferralClock
{
    /// <summary>The referral's version, next due timer and whether it has ended, from its snapshot row.</summary>
    Task<ClockState> ReadAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Fires every timer of this referral due at or before <paramref name="now"/> as a
    /// TimerElapsed command through the ordinary command path. Returns how many fired.</summary>
    Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <param name="Version">0 when the referral does not exist.</param>
/// <param name="NextDue">The earliest timer the snapshot holds (what Schedule(state) derived), or null.</param>
/// <param name="HasEnded">Nothing is left to happen (<c>ReferralState.IsSettled</c>): ended, and its decision final or decided on review.</param>
public sealed record ClockState(int Version, DateTimeOffset? NextDue, bool HasEnded);

/// <summary>Delivers a referral's pending outbox rows (mail, read-model updates), at least once.</summary>
public interface IOutboxCourier
{
    /// <summary>Delivers what is due now; rows that fail are retried later or parked.</summary>
    Task<OutboxDelivery> DeliverAsync(string referralId, CancellationToken cancellationToken = default);
}

/// <param name="Remaining">Rows left for a later attempt (a failed send waiting for its retry, another host's lease).</param>
/// <param name="RetryAt">The earliest time one of those may be tried again, or null if none remain.</param>
public sealed record OutboxDelivery(int Delivered, int Remaining, DateTimeOffset? RetryAt);

/// <summary>Told after a command commits, so the referral's clock acts now: the first version of a
/// referral starts its orchestration, later ones raise "referral changed" on it.</summary>
public interface IReferralChangeNotifier
{
    Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default);
}
