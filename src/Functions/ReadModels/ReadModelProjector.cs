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
/// replaced by a newer version and only removed by a version that is not older.
/// <para>Without reading first where it can: the unit row also keeps the ETags of the status and queue rows
/// its version wrote (<see cref="IndexRows.WrittenRows"/>), so the next version replaces or removes exactly
/// those rows by If-Match (a row still as an older version left it), and adds the rows no older version
/// wrote (an add only lands where there is no row). Only when one of those is refused (another delivery
/// moved the row on) does it read the row's version and decide, as it always did. A status change costs
/// the unit row's read, one write per row and the unit row's write.</para></summary>
internal sealed class ReadModelProjector([FromKeyedServices(StorageAccount.Background)] StorageAccount storage)
{
    public async Task ApplyAsync(IndexItem item, CancellationToken cancellationToken = default)
    {
        var summary = item.Summary;
        var rowKey = IndexRows.UnitRowKey(summary);
        var unitPartition = IndexRows.UnitPartition(summary.Unit);
        var unitRow = await storage.Index.GetEntityIfExistsAsync<TableEntity>(
            unitPartition, rowKey, ["Version", "Status", .. IndexRows.WrittenRows.Columns], cancellationToken);
        var applied = unitRow.HasValue ? unitRow.Value! : null;
        var appliedStatus = applied?.GetString("Status") is { } text && Enum.TryParse<ReferralStatus>(text, out var parsed) ? parsed : (ReferralStatus?)null;

        if (applied is not null && (applied.GetInt32("Version") ?? 0) >= summary.Version)
        {
            await UndoOvertakenAsync(item, rowKey, appliedStatus, cancellationToken);
            return;
        }

        var known = applied is null ? default : IndexRows.WrittenRows.Read(applied, summary.Unit, rowKey, appliedStatus);
        // The status and queue rows are independent of each other, so they move at once; only the unit row waits for all.
        var status = UpsertIfNewerAsync(IndexRows.StatusPartition(summary.Unit, summary.Status), rowKey, summary, known.Status, cancellationToken);
        var queue = MoveInQueuesAsync(item, known.Queue, cancellationToken);
        var moves = new List<Task> { status, queue };
        foreach (var left in new[] { item.PreviousStatus, appliedStatus }.OfType<ReferralStatus>().Distinct().Where(s => s != summary.Status))
            moves.Add(DeleteIfNotNewerAsync(IndexRows.StatusPartition(summary.Unit, left), rowKey, summary.Version, known.Status, cancellationToken));
        await Task.WhenAll(moves);

        var row = IndexRows.Row(unitPartition, rowKey, summary);
        new IndexRows.WrittenRows(await status, await queue).WriteTo(row);
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

    private async Task<IndexRows.WrittenRow?> MoveInQueuesAsync(IndexItem item, IndexRows.WrittenRow? known, CancellationToken cancellationToken)
    {
        var summary = item.Summary;
        if (item.PreviousQueue is { } previous && previous != item.Queue)
        {
            await DeleteIfNotNewerAsync(IndexRows.QueuePartition(previous.ReviewBodyId),
                IndexRows.QueueRowKey(previous, summary.ReferralId), summary.Version, known, cancellationToken);
        }
        if (item.Queue is not { } queue) return null;
        return await UpsertIfNewerAsync(IndexRows.QueuePartition(queue.ReviewBodyId),
            IndexRows.QueueRowKey(queue, summary.ReferralId), summary, known, cancellationToken);
    }

    /// <summary>A newer version is on the unit row. Rows this item may have written before a newer one
    /// overtook it (two deliveries at once) must not outlive it.</summary>
    private async Task UndoOvertakenAsync(IndexItem item, string rowKey, ReferralStatus? current, CancellationToken cancellationToken)
    {
        var summary = item.Summary;
        if (current is { } status && status != summary.Status)
            await DeleteIfNotNewerAsync(IndexRows.StatusPartition(summary.Unit, summary.Status), rowKey, summary.Version, null, cancellationToken);
        if (item.Queue is { } queue && current is not null && current != ReferralStatus.AwaitingReview)
            await DeleteIfNotNewerAsync(IndexRows.QueuePartition(queue.ReviewBodyId),
                IndexRows.QueueRowKey(queue, summary.ReferralId), summary.Version, null, cancellationToken);
    }

    /// <summary>Writes the row unless a newer version's is there; the row as written (null when a newer one was left).</summary>
    private async Task<IndexRows.WrittenRow?> UpsertIfNewerAsync(
        string partition, string rowKey, ReferralSummary summary, IndexRows.WrittenRow? known, CancellationToken cancellationToken)
    {
        var table = storage.Index;
        var row = IndexRows.Row(partition, rowKey, summary);
        try
        {
            // The row an older version wrote, unchanged since: replace it. Any other row: none is expected (rows
            // are removed when a referral leaves them), so add it; an add never overwrites.
            var response = known is { } mine && mine.Is(partition, rowKey)
                ? await table.UpdateEntityAsync(row, mine.ETag, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(row, cancellationToken);
            return new IndexRows.WrittenRow(partition, rowKey, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // Moved on, there already, or gone since: decide on the row's version.
            return await UpsertByVersionAsync(table, row, summary.Version, cancellationToken);
        }
    }

    private async Task<IndexRows.WrittenRow?> UpsertByVersionAsync(TableClient table, TableEntity row, int version, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, ["Version"], cancellationToken);
        try
        {
            Response response;
            if (!existing.HasValue) response = await table.AddEntityAsync(row, cancellationToken);
            else if ((existing.Value!.GetInt32("Version") ?? 0) < version)
                response = await table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            else return null;
            return new IndexRows.WrittenRow(row.PartitionKey, row.RowKey, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another courier wrote first: try again against what it wrote.
            return await UpsertByVersionAsync(table, row, version, cancellationToken);
        }
    }

    private async Task DeleteIfNotNewerAsync(
        string partition, string rowKey, int version, IndexRows.WrittenRow? known, CancellationToken cancellationToken)
    {
        var table = storage.Index;
        if (known is { } mine && mine.Is(partition, rowKey))
        {
            // As the older version on the unit row left it: removable without a look.
            try
            {
                await table.DeleteEntityAsync(partition, rowKey, mine.ETag, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status is 412)
            {
                // Rewritten since: by its version below.
            }
        }
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
