using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Reports;

/// <summary>Runs the <see cref="ReportMarkSweep"/> every <see cref="ReportOptions.MarkSweepInterval"/> (what the Azure
/// build's hourly timer does). Each host sweeps; two sweeps at once delete each mark once.</summary>
internal sealed class ReportMarkSweepService(
    ReportMarkSweep sweep, IOptions<ReportOptions> options, ILogger<ReportMarkSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MarkSweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Row timestamps are the storage's wall-clock time.
                var deleted = await sweep.RunAsync(TimeProvider.System.GetUtcNow(), stoppingToken);
                if (deleted > 0) logger.LogInformation("The report mark sweep removed {Deleted} marks", deleted);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "The report mark sweep failed; it runs again in {Interval}", options.Value.MarkSweepInterval);
            }
        }
    }
}
