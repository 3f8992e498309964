using Microsoft.Extensions.DependencyInjection;
using Azure;
using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.ReadModels;

/// <summary>Applies an outbox <see cref="IndexItem"/> to <c>ReferralIndex</c>. At least once and in any
/// order: the unit row is the referral's version mark and is written last, so an item whose version (or a
/// newer one) is already on it is done; a partly applied item is completed by its retry. A row is only
/// replaced by a newer version and only removed by a version that is not older.</summary>
internal sealed class ReadModelProjector([FromKeyedServices(StorageAccount.Background)] StorageAccount storage)
{
    public async Task ApplyAsync(IndexItem item, CancellationToken cancellationToken = default)
    {
        var summary = item.Summary;
        var rowKey = IndexRows.UnitRowKey(summary);
        var unitPartition = IndexRows.UnitPartition(summary.Unit);
        var unitRow = await storage.Index.GetEntityIfExistsAsync<TableEntity>(unitPartition, rowKey, ["Version", "Status"], cancellationToken);
        var applied = unitRow.HasValue ? unitRow.Value! : null;
        var appliedStatus = applied?.GetString("Status") is { } text && Enum.TryParse<ReferralStatus>(text, out var parsed) ? parsed : (ReferralStatus?)null;

        if (applied is not null && (applied.GetInt32("Version") ?? 0) >= summary.Version)
        {
            await UndoOvertakenAsync(item, rowKey, appliedStatus, cancellationToken);
            return;
        }

        // The status and queue rows are independent of each other, so they move at once; only the unit row waits for all.
        var moves = new List<Task> { UpsertIfNewerAsync(IndexRows.StatusPartition(summary.Unit, summary.Status), rowKey, summary, cancellationToken) };
        foreach (var left in new[] { item.PreviousStatus, appliedStatus }.OfType<ReferralStatus>().Distinct().Where(s => s != summary.Status))
            moves.Add(DeleteIfNotNewerAsync(IndexRows.StatusPartition(summary.Unit, left), rowKey, summary.Version, cancellationToken));
        moves.Add(MoveInQueuesAsync(item, cancellationToken));
        await Task.WhenAll(moves);

        var row = IndexRows.Row(unitPartition, rowKey, summary);
        try
        {
            if (applied is null) await storage.Index.AddEntityAsync(row, cancellationToken);
            else await storage.Index.UpdateEntityAsync(row, applied.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another delivery wrote the unit row first: start again against what it wrote.
            await ApplyAsync(item, cancellationToken);
        }
    }

    private async Task MoveInQueuesAsync(IndexItem item, CancellationToken cancellationToken)
    {
        var summary = item.Summary;
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

    /// <summary>A newer version is on the unit row. Rows this item may have written before a newer one
    /// overtook it (two deliveries at once) must not outlive it.</summary>
    private async Task UndoOvertakenAsync(IndexItem item, string rowKey, ReferralStatus? current, CancellationToken cancellationToken)
    {
        var summary = item.Summary;
        if (current is { } status && status != summary.Status)
            await DeleteIfNotNewerAsync(IndexRows.StatusPartition(summary.Unit, summary.Status), rowKey, summary.Version, cancellationToken);
        if (item.Queue is { } queue && current is not null && current != ReferralStatus.AwaitingReview)
            await DeleteIfNotNewerAsync(IndexRows.QueuePartition(queue.ReviewBodyId),
                IndexRows.QueueRowKey(queue, summary.ReferralId), summary.Version, cancellationToken);
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
