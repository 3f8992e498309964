namespace Referrals.Functions.Clock;

/// <summary>What the clock and courier of a referral need from storage, whether they run as the
/// standalone hosted services or as the durable orchestration's activities. Every call re-reads the
/// truth; none depends on a single wake-up.</summary>
public interface IReferralClock
{
    /// <summary>The next time a timer of this referral comes due, or null if none (or the referral ended).</summary>
    Task<DateTimeOffset?> NextDueAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Fires every timer of this referral due at or before <paramref name="now"/> as a
    /// TimerElapsed command through the ordinary command path. Returns how many fired.</summary>
    Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Whether the referral has ended (its orchestration may complete).</summary>
    Task<bool> HasEndedAsync(string referralId, CancellationToken cancellationToken = default);
}

/// <summary>Delivers a referral's pending outbox rows (mail, read-model updates), at least once.</summary>
public interface IOutboxCourier
{
    /// <summary>Returns how many rows were delivered; rows that fail are retried later or parked.</summary>
    Task<int> DeliverAsync(string referralId, CancellationToken cancellationToken = default);
}

/// <summary>Told after a command commits, so the clock and courier act now rather than at the next poll.
/// Standalone: wakes the hosted services. Azure: raises "referral changed" on the orchestration.</summary>
public interface IReferralChangeNotifier
{
    Task ReferralChangedAsync(string referralId, CancellationToken cancellationToken = default);
}
