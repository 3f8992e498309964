using Microsoft.Azure.Functions.Worker;

namespace Referrals.Functions.Reports;

/// <summary>Hourly: remove the reports' <c>seen</c> marks no delivery needs any more (<see cref="ReportMarkSweep"/>).</summary>
public sealed class ReportMarkSweepFunction(ReportMarkSweep sweep)
{
    [Function(ReportMarkSweep.FunctionName)]
    public async Task Run([TimerTrigger("0 7 * * * *")] TimerInfo timer, FunctionContext ctx) =>
        // Row timestamps are the storage's wall-clock time.
        await sweep.RunAsync(TimeProvider.System.GetUtcNow(), ctx.CancellationToken);
}
