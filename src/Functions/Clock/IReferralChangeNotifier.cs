namespace Referrals.Functions.Clock;

/// <summary>Told after a command commits, so the referral's clock acts now: the first version of a
/// referral starts its orchestration, later ones raise "referral changed" on it.</summary>
internal interface IReferralChangeNotifier
{
    Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default);
}
