using Microsoft.Extensions.Logging;

namespace Referrals.Functions.Orchestration;

/// <summary>The safety net behind "referral changed": every referral that still needs its clock (open,
/// or with mail not yet delivered) must have a live one. A command's notification can be lost (a crash
/// right after commit, a failed raise), an instance can fail or be terminated, and a healthy one writes
/// at least daily. The sweep starts the missing and finished ones and terminates the silent ones,
/// which the next sweep then starts afresh. Each referral is checked once, whichever sources name it.</summary>
public sealed class OrchestrationSweep(
    IEnumerable<IOpenReferrals> sources, IOrchestrationInstances instances, ILogger<OrchestrationSweep> logger)
{
    /// <summary>A running instance wakes at least every <see cref="ReferralClockOrchestration.MaxSleep"/>;
    /// silence well past that (allowing for retries and a busy task hub) means it is stuck.</summary>
    public static readonly TimeSpan StuckAfter = ReferralClockOrchestration.MaxSleep + TimeSpan.FromHours(6);

    public async Task<SweepReport> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var report = new SweepReport();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            await foreach (var referralId in source.ListOpenReferralIdsAsync(cancellationToken))
            {
                if (!seen.Add(referralId)) continue;
                report = report with { Checked = report.Checked + 1 };
                try
                {
                    report = await SweepOneAsync(referralId, now, report, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad instance must not stop the sweep of the others; the next sweep tries again.
                    logger.LogWarning(e, "Sweep could not repair the clock of referral {ReferralId}", referralId);
                    report = report with { Errors = report.Errors + 1 };
                }
            }
        }
        logger.LogInformation(
            "Referral clock sweep: {Checked} checked, {Started} started, {Terminated} terminated, {Errors} errors",
            report.Checked, report.Started, report.Terminated, report.Errors);
        return report;
    }

    private async Task<SweepReport> SweepOneAsync(
        string referralId, DateTimeOffset now, SweepReport report, CancellationToken cancellationToken)
    {
        var instance = await instances.GetAsync(referralId, cancellationToken);
        if (instance is null || instance.IsFinished)
        {
            await instances.StartAsync(referralId, cancellationToken);
            logger.LogInformation("Started the clock of referral {ReferralId} (was {State})",
                referralId, instance?.State.ToString() ?? "missing");
            return report with { Started = report.Started + 1 };
        }
        // A suspended instance was suspended by an operator on purpose: leave it alone.
        var silent = instance.State is InstanceState.Running or InstanceState.Pending
            && now - instance.LastUpdatedAt > StuckAfter;
        if (!silent) return report;
        await instances.TerminateAsync(referralId, "No progress since " + instance.LastUpdatedAt.ToString("O"), cancellationToken);
        logger.LogWarning("Terminated the stuck clock of referral {ReferralId}; the next sweep starts it", referralId);
        return report with { Terminated = report.Terminated + 1 };
    }
}

public sealed record SweepReport(int Checked = 0, int Started = 0, int Terminated = 0, int Errors = 0);
