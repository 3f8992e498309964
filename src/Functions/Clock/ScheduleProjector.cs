using Azure;
using Azure.Data.Tables;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clock;

/// <summary>Applies an outbox <see cref="ScheduleItem"/> to the <c>Schedule</c> table: idempotent (upserts
/// and deletes), so a repeat changes nothing. A stale row left behind is harmless: the decider ignores a
/// timer that the state no longer calls for.</summary>
public sealed class ScheduleProjector(StorageAccount storage)
{
    public async Task ApplyAsync(string referralId, ScheduleItem item, CancellationToken cancellationToken = default)
    {
        var table = storage.Schedule;
        foreach (var chunk in item.Add.Chunk(TableReferralCommands.MaxOperations))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ScheduleRows.Row(referralId, t))),
                cancellationToken);
        }
        foreach (var timer in item.Remove.Except(item.Add))
        {
            try
            {
                await table.DeleteEntityAsync(ScheduleRows.Partition, ScheduleRows.RowKey(referralId, timer), ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Fired and removed by the clock already.
            }
        }
    }
}
