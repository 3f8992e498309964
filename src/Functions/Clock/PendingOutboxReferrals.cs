using Referrals.Functions.Commands;

namespace Referrals.Functions.Clock;

/// <summary>Referrals with outbox rows still to deliver, with the newest such version, as a sweep source:
/// a clock that missed a change has not seen that version, and a referral that ended while its clock
/// had died would otherwise keep its last mail forever, since it is no longer open.</summary>
internal sealed class PendingOutboxReferrals(OutboxSweep outbox) : IOpenReferrals
{
    public async IAsyncEnumerable<OpenReferral> ListOpenReferralsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (referralId, version) in await outbox.PendingAsync(cancellationToken))
            yield return new OpenReferral(referralId, version);
    }
}
