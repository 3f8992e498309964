using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Clock;

/// <summary>Runs the <see cref="OrchestrationSweep"/> at start and every <see cref="DurableTaskOptions.SweepInterval"/>
/// (what the Azure build's timer trigger does). Each host sweeps; a repair done twice is harmless.</summary>
internal sealed class ClockSweepService(
    OrchestrationSweep sweep, IOptions<DurableTaskOptions> options, ILogger<ClockSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                // The engine's own timestamps are wall-clock time: the sweep's grace is measured on the same clock.
                await sweep.RunAsync(TimeProvider.System.GetUtcNow(), stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "The clock sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
