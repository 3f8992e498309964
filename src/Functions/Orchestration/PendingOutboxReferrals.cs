namespace Referrals.Functions.Orchestration;

/// <summary>Referrals with outbox rows still to deliver, as a sweep source: a referral that ended while
/// its clock had died would otherwise keep its last mail forever, since it is no longer open.</summary>
/// <param name="pending">The storage's scan for referrals with outbox rows (the standalone courier's sweep uses the same).</param>
public sealed class PendingOutboxReferrals(Func<CancellationToken, Task<IReadOnlyList<string>>> pending) : IOpenReferrals
{
    public async IAsyncEnumerable<string> ListOpenReferralIdsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var referralId in await pending(cancellationToken))
            yield return referralId;
    }
}
