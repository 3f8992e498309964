using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clock;

/// <summary>Tells the referral's durable clock that a command committed. The first version of a
/// referral (its submission) schedules the instance, whose first turn does the work at once; later
/// versions raise "referral changed" on it straight away, one request, with no look-up first. A raise
/// that finds no instance is discarded by the runtime, and the sweep repairs it: it sees outbox rows of
/// a version the clock has not seen.
/// <para>The command has already committed when this runs, so a failure here is logged and not
/// thrown: the caller's answer stays true.</para>
/// <para>It runs on the request's path, so it waits at most the request budget of storage
/// (<see cref="StorageTimeoutOptions.RequestBudget"/>): the engine's own clients retry for longer.</para></summary>
internal sealed class OrchestrationChangeNotifier(
    IOrchestrationInstances instances, ILogger<OrchestrationChangeNotifier> logger, IOptions<StorageTimeoutOptions>? timeouts = null) : IReferralChangeNotifier
{
    private readonly TimeSpan budget = (timeouts?.Value ?? new StorageTimeoutOptions()).RequestBudget;

    public async Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referralId);
        if (ClockTurn.IsActive) return;
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(budget);
        try
        {
            if (version <= 1) await StartOrRaiseAsync(referralId, within.Token);
            else await instances.RaiseChangedAsync(referralId, within.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not wake the clock of referral {ReferralId}; the sweep will", referralId);
        }
    }

    private async Task StartOrRaiseAsync(string referralId, CancellationToken cancellationToken)
    {
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
