using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clock;

/// <summary>Fires the due timers of every referral from the <c>Schedule</c> table. Several hosts may run
/// it: each claims a row with its ETag before firing, so a timer is fired by one host, or (after a crash
/// or an expired claim) again with the same idempotency key, which writes nothing the second time.</summary>
public sealed class TimerDispatcher(
    StorageAccount storage,
    IReferralCommands commands,
    TimeProvider time,
    IOptions<ClockOptions> options,
    ILogger<TimerDispatcher> logger)
{
    /// <summary>When the clock should look again: the earliest due time in the schedule, where a timer
    /// claimed by a host counts from the end of its claim. Null when the schedule is empty. Reads the
    /// first rows only (they are in due order).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ScheduleRows.Partition}");
        DateTimeOffset? next = null;
        await foreach (var page in storage.Schedule.QueryAsync<TableEntity>(filter, 50, ["DueAt", "ClaimedUntil"], cancellationToken).AsPages(pageSizeHint: 50))
        {
            foreach (var row in page.Values)
            {
                var due = row.GetDateTimeOffset("DueAt") ?? DateTimeOffset.MaxValue;
                if (row.GetDateTimeOffset("ClaimedUntil") is { } claimed && claimed > due) due = claimed;
                if (next is null || due < next) next = due;
            }
            break;
        }
        return next;
    }

    /// <summary>Fires every timer due at or before now. Returns how many this host fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ScheduleRows.Partition} and RowKey lt {ScheduleRows.DueBefore(now)}");
        var due = new List<TableEntity>();
        await foreach (var row in storage.Schedule.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            due.Add(row);
        }

        var fired = 0;
        foreach (var row in due)
        {
            if (row.GetDateTimeOffset("ClaimedUntil") is { } claimed && claimed > now) continue;
            if (await TryFireAsync(row, now, cancellationToken)) fired++;
        }
        return fired;
    }

    private async Task<bool> TryFireAsync(TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (referralId, kind, dueAt) = ScheduleRows.Read(row);
        row["ClaimedUntil"] = now + options.Value.ClaimDuration;
        ETag claim;
        try
        {
            claim = (await storage.Schedule.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken)).Headers.ETag
                ?? throw new InvalidOperationException("The claim returned no ETag.");
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false; // another host claimed or fired it
        }

        var result = await commands.ExecuteAsync(referralId, new TimerElapsed(kind, dueAt) { By = Actor.System },
            ScheduleRows.IdempotencyKey(kind, dueAt), expectedVersion: null, cancellationToken);
        if (result is CommandResult.Conflict)
        {
            logger.LogWarning("Timer {Kind} of {ReferralId} kept losing races; it fires again when its claim expires", kind, referralId);
            return false;
        }

        try
        {
            await storage.Schedule.DeleteEntityAsync(ScheduleRows.Partition, row.RowKey, claim, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Re-scheduled or removed meanwhile: nothing to do.
        }
        return true;
    }
}
