using Azure.Data.Tables;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clock;

/// <summary>The clock of one referral (for the durable orchestration): its timers are read from the
/// snapshot row, where every command stores what <c>Schedule</c> derived from the state.</summary>
public sealed class SnapshotReferralClock(StorageAccount storage, IReferralCommands commands) : IReferralClock
{
    public async Task<DateTimeOffset?> NextDueAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var row = await SnapshotAsync(referralId, cancellationToken);
        if (row is null || ReferralRows.ReadState(row).HasEnded) return null;
        var timers = ReferralRows.ReadTimers(row);
        return timers.Count == 0 ? null : timers.Min(t => t.DueAt);
    }

    public async Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = await SnapshotAsync(referralId, cancellationToken);
        if (row is null) return 0;
        var fired = 0;
        foreach (var timer in ReferralRows.ReadTimers(row).Where(t => t.DueAt <= now).OrderBy(t => t.DueAt))
        {
            var result = await commands.ExecuteAsync(referralId, new TimerElapsed(timer.Kind, timer.DueAt) { By = Actor.System },
                ScheduleRows.IdempotencyKey(timer.Kind, timer.DueAt), expectedVersion: null, cancellationToken);
            if (result is CommandResult.Accepted) fired++;
        }
        return fired;
    }

    public async Task<bool> HasEndedAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var row = await SnapshotAsync(referralId, cancellationToken);
        return row is not null && ReferralRows.ReadState(row).HasEnded;
    }

    private async Task<TableEntity?> SnapshotAsync(string referralId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Referrals.GetEntityIfExistsAsync<TableEntity>(referralId, ReferralRows.Snapshot, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
