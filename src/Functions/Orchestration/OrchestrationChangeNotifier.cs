using Microsoft.Extensions.Logging;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Orchestration;

/// <summary>Tells the referral's durable clock that a command committed (Azure build). The first
/// command of a referral (its submission) finds no instance and schedules one, whose first turn does
/// the work at once; later commands raise "referral changed" on the existing instance. Events are
/// raised only to an instance that exists, because the runtime discards the others.
/// <para>The command has already committed when this runs, so a failure here is logged and not
/// thrown: the caller's answer stays true, and the sweep starts any clock left behind.</para></summary>
public sealed class OrchestrationChangeNotifier(
    IOrchestrationInstances instances, ILogger<OrchestrationChangeNotifier> logger) : IReferralChangeNotifier
{
    public async Task ReferralChangedAsync(string referralId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referralId);
        if (ClockTurn.IsActive) return;
        try
        {
            await NotifyAsync(referralId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not wake the clock of referral {ReferralId}; the sweep will", referralId);
        }
    }

    private async Task NotifyAsync(string referralId, CancellationToken cancellationToken)
    {
        var instance = await instances.GetAsync(referralId, cancellationToken);
        if (instance is { IsFinished: false })
        {
            await instances.RaiseChangedAsync(referralId, cancellationToken);
            return;
        }
        try
        {
            await instances.StartAsync(referralId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Two commands racing on a new referral both try to start it; the loser finds it live.
            var now = await instances.GetAsync(referralId, cancellationToken);
            if (now is not { IsFinished: false }) throw;
            await instances.RaiseChangedAsync(referralId, cancellationToken);
        }
    }
}
