using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;
using Referrals.Functions.Outbox;

namespace Referrals.Functions.Hosting;

/// <summary>The standalone courier: delivers a referral's outbox as soon as a command signals it, retries
/// what failed at each poll, and sweeps every partition at start and now and then for rows a crash
/// left behind.</summary>
public sealed class CourierService(
    OutboxCourier courier, OutboxSweep sweep, ReferralSignals signals, TimeProvider time,
    IOptions<ClockOptions> options, ILogger<CourierService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var nextSweep = DateTimeOffset.MinValue;
        Task<bool>? signalled = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= nextSweep)
                {
                    pending.UnionWith(await sweep.PendingReferralsAsync(stoppingToken));
                    nextSweep = time.GetUtcNow() + options.Value.SweepInterval;
                }
                while (signals.Changed.TryRead(out var referralId)) pending.Add(referralId);
                foreach (var referralId in pending.ToList())
                {
                    try
                    {
                        var (_, remaining) = await courier.DeliverPendingAsync(referralId, stoppingToken);
                        if (remaining == 0) pending.Remove(referralId);
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        // One referral's trouble (storage hiccup) must not hold up the others.
                        logger.LogWarning(failure, "Delivering the outbox of {ReferralId} failed; it is retried at the next poll", referralId);
                    }
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "The courier failed; it tries again at the next poll");
            }

            signalled ??= signals.Changed.WaitToReadAsync(stoppingToken).AsTask();
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(signalled, Task.Delay(options.Value.PollInterval, time, sleep.Token));
            }
            finally
            {
                await sleep.CancelAsync();
            }
            if (signalled.IsCompleted) signalled = null;
        }
    }
}
