using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Azure.Data.Tables;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clock;

/// <summary>The clock of one referral: its timers are read from the snapshot row, where every command
/// stores what <c>Schedule</c> derived from the state. There is no scheduler table: the orchestration
/// of each referral is its clock.</summary>
internal sealed class SnapshotReferralClock([FromKeyedServices(StorageAccount.Background)] StorageAccount storage, IReferralCommands commands) : IReferralClock
{
    public async Task<ClockState> ReadAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var row = await SnapshotAsync(referralId, cancellationToken);
        if (row is null) return new ClockState(0, null, HasEnded: false);
        var state = ReferralRows.ReadState(row);
        var timers = ReferralRows.ReadTimers(row);
        // Settled, not just ended: a refused referral still runs to its notification and finality.
        return new ClockState(state.Version, state.IsSettled || timers.Count == 0 ? null : timers.Min(t => t.DueAt), state.IsSettled);
    }

    public async Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = await SnapshotAsync(referralId, cancellationToken);
        if (row is null) return 0;
        var fired = 0;
        foreach (var timer in ReferralRows.ReadTimers(row).Where(t => t.DueAt <= now).OrderBy(t => t.DueAt))
        {
            var result = await commands.ExecuteAsync(referralId, new TimerElapsed(timer.Kind, timer.DueAt) { By = Actor.System },
                IdempotencyKey(timer.Kind, timer.DueAt), expectedVersion: null, cancellationToken);
            if (result is CommandResult.Accepted) fired++;
        }
        return fired;
    }

    /// <summary>The idempotency key of a timer's command: the same for every turn and host that fires it.</summary>
    public static string IdempotencyKey(TimerKind kind, DateTimeOffset dueAt) =>
        "timer-" + kind + "-" + dueAt.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private async Task<TableEntity?> SnapshotAsync(string referralId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Referrals.GetEntityIfExistsAsync<TableEntity>(referralId, ReferralRows.SnapshotKey(referralId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
