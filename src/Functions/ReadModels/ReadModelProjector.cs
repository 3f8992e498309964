using Azure;
using Azure.Data.Tables;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.ReadModels;

/// <summary>Applies an outbox <see cref="IndexItem"/> to <c>ReferralIndex</c>. At least once and in any
/// order: a row is only replaced by a newer version, so a late or repeated item changes nothing.</summary>
public sealed class ReadModelProjector(StorageAccount storage)
{
    public async Task ApplyAsync(IndexItem item, CancellationToken cancellationToken = default)
    {
        var summary = item.Summary;
        await UpsertIfNewerAsync(IndexRows.UnitPartition(summary.Unit), IndexRows.UnitRowKey(summary), summary, cancellationToken);

        if (item.PreviousQueue is { } previous && previous != item.Queue)
        {
            await DeleteIfNotNewerAsync(IndexRows.QueuePartition(previous.ReviewBodyId),
                IndexRows.QueueRowKey(previous, summary.ReferralId), summary.Version, cancellationToken);
        }
        if (item.Queue is { } queue)
        {
            await UpsertIfNewerAsync(IndexRows.QueuePartition(queue.ReviewBodyId),
                IndexRows.QueueRowKey(queue, summary.ReferralId), summary, cancellationToken);
        }
    }

    private async Task UpsertIfNewerAsync(string partition, string rowKey, ReferralSummary summary, CancellationToken cancellationToken)
    {
        var table = storage.Index;
        var row = IndexRows.Row(partition, rowKey, summary);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["Version"], cancellationToken);
        try
        {
            if (!existing.HasValue) await table.AddEntityAsync(row, cancellationToken);
            else if ((existing.Value!.GetInt32("Version") ?? 0) < summary.Version)
                await table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another courier wrote first: try again against what it wrote.
            await UpsertIfNewerAsync(partition, rowKey, summary, cancellationToken);
        }
    }

    private async Task DeleteIfNotNewerAsync(string partition, string rowKey, int version, CancellationToken cancellationToken)
    {
        var table = storage.Index;
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["Version"], cancellationToken);
        if (!existing.HasValue || (existing.Value!.GetInt32("Version") ?? 0) > version) return;
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, existing.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already, or rewritten by a newer version.
        }
    }
}
