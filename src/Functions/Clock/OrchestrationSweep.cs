using Microsoft.Extensions.Logging;

namespace Referrals.Functions.Clock;

/// <summary>The safety net behind "referral changed": every referral that still needs its clock (open,
/// or with outbox rows not yet delivered) must have a live one that has seen its latest change. A
/// command's notification can be lost (a crash right after the commit, a failed raise), and an instance
/// can fail or be terminated. The sweep starts the missing and finished instances, and raises "referral
/// changed" on a live one whose custom status shows an older version than the outbox holds, once that
/// has been so for <see cref="Grace"/> (a raise in flight is not a lost one). Each referral is checked
/// once, whichever sources name it. It never waits for silence: a clock with nothing due sleeps for months.</summary>
public sealed class OrchestrationSweep(
    IEnumerable<IOpenReferrals> sources, IOrchestrationInstances instances, ILogger<OrchestrationSweep> logger)
{
    /// <summary>How long a clock may lag behind the outbox before the sweep nudges it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <param name="now">Wall-clock time, the clock of the engine's <see cref="InstanceSnapshot.LastUpdatedAt"/>.</param>
    public async Task<SweepReport> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var report = new SweepReport();
        var pending = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            await foreach (var open in source.ListOpenReferralsAsync(cancellationToken))
            {
                pending[open.ReferralId] = pending.TryGetValue(open.ReferralId, out var known) && known > open.PendingVersion
                    ? known : open.PendingVersion ?? known;
            }
        }
        foreach (var (referralId, pendingVersion) in pending)
        {
            report = report with { Checked = report.Checked + 1 };
            try
            {
                report = await SweepOneAsync(referralId, pendingVersion, now, report, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad instance must not stop the sweep of the others; the next sweep tries again.
                logger.LogWarning(e, "Sweep could not repair the clock of referral {ReferralId}", referralId);
                report = report with { Errors = report.Errors + 1 };
            }
        }
        if (report.Started + report.Nudged + report.Errors > 0)
        {
            logger.LogInformation(
                "Referral clock sweep: {Checked} checked, {Started} started, {Nudged} nudged, {Errors} errors",
                report.Checked, report.Started, report.Nudged, report.Errors);
        }
        return report;
    }

    private async Task<SweepReport> SweepOneAsync(
        string referralId, int? pendingVersion, DateTimeOffset now, SweepReport report, CancellationToken cancellationToken)
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
        var behind = instance.State is InstanceState.Running or InstanceState.Pending
            && pendingVersion is { } version && version > (instance.Status?.SeenVersion ?? 0)
            && now - instance.LastUpdatedAt > Grace;
        if (!behind) return report;
        await instances.RaiseChangedAsync(referralId, cancellationToken);
        logger.LogInformation("Woke the clock of referral {ReferralId}: it had seen version {Seen}, the outbox holds {Pending}",
            referralId, instance.Status?.SeenVersion ?? 0, pendingVersion);
        return report with { Nudged = report.Nudged + 1 };
    }
}

public sealed record SweepReport(int Checked = 0, int Started = 0, int Nudged = 0, int Errors = 0);
