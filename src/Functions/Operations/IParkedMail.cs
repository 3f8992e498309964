using Referrals.Functions.Clock;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Operations;

/// <summary>What operators see of mail that could not be delivered: referral id, outbox row, kind,
/// attempts and the last error. No client data, no addresses, no content.</summary>
internal interface IParkedMail
{
    Task<IReadOnlyList<ParkedMessage>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Puts the referral's parked mail (all of it, or the one outbox row) back in its outbox and
    /// wakes its clock; the rows put back (none: nothing of that was parked).</summary>
    Task<IReadOnlyList<string>> RequeueAsync(string referralId, string? outboxRow, CancellationToken cancellationToken = default);
}

/// <summary>The parked rows of the outbox courier (table <c>ParkedMessages</c>).</summary>
internal sealed class OutboxParkedMail(ParkedMessages parked, IReferralChangeNotifier notifier) : IParkedMail
{
    public Task<IReadOnlyList<ParkedMessage>> ListAsync(CancellationToken cancellationToken = default) => parked.ListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> RequeueAsync(string referralId, string? outboxRow, CancellationToken cancellationToken = default)
    {
        var requeued = await parked.RequeueAsync(referralId, outboxRow, cancellationToken);
        // As for a new referral: start the clock if it has finished (an ended referral's), else wake it.
        // A wake-up that is lost is repaired by the sweep, which sees the outbox rows.
        if (requeued.Count > 0) await notifier.ReferralChangedAsync(referralId, version: 1, cancellationToken);
        return requeued;
    }
}
