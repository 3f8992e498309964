namespace Referrals.Functions.Clock;

/// <summary>A referral that should have a live clock, and the newest version with outbox rows still
/// to deliver (null when the source does not know of any).</summary>
public sealed record OpenReferral(string ReferralId, int? PendingVersion = null);

/// <summary>A source of referrals that should each have a live clock: those that have not ended (from
/// the listing read model), and those with outbox rows still to deliver. Sources may lag a little
/// behind the truth, which the sweep tolerates (an ended referral's restarted clock reads the truth,
/// delivers what is left and completes at once).</summary>
public interface IOpenReferrals
{
    IAsyncEnumerable<OpenReferral> ListOpenReferralsAsync(CancellationToken cancellationToken = default);
}
