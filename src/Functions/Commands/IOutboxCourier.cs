namespace Referrals.Functions.Commands;

/// <summary>Delivers a referral's pending outbox rows (mail, read-model updates), at least once.</summary>
public interface IOutboxCourier
{
    /// <summary>Delivers what is due now; rows that fail are retried later or parked.</summary>
    Task<OutboxDelivery> DeliverAsync(string referralId, CancellationToken cancellationToken = default);
}

/// <param name="Remaining">Rows left for a later attempt (a failed send waiting for its retry, another host's lease).</param>
/// <param name="RetryAt">The earliest time one of those may be tried again, or null if none remain.</param>
public sealed record OutboxDelivery(int Delivered, int Remaining, DateTimeOffset? RetryAt);
