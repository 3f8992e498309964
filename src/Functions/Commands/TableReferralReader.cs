using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Commands;

/// <summary>Reads for the API: the snapshot (one point read), the event rows, and the read models.</summary>
internal sealed class TableReferralReader(StorageAccount storage) : IReferralReader
{
    public async Task<ReferralState?> GetAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Referrals.GetEntityIfExistsAsync<TableEntity>(referralId, ReferralRows.SnapshotKey(referralId), cancellationToken: cancellationToken);
        return row.HasValue ? ReferralRows.ReadState(row.Value!) : null;
    }

    public async Task<IReadOnlyList<RecordedEvent>> TimelineAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {referralId} and RowKey gt {ReferralRows.EventPrefix} and RowKey lt {ReferralRows.EventEnd}");
        var events = new List<RecordedEvent>();
        await foreach (var row in storage.Referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(ReferralRows.ReadEvent(row));
        }
        return events;
    }

    public Task<Page<ReferralSummary>?> ListAsync(
        string unit, ReferralStatus? status, string? continuation, int limit, CancellationToken cancellationToken = default) =>
        PageAsync(status is { } s ? IndexRows.StatusPartition(unit, s) : IndexRows.UnitPartition(unit), continuation, limit, cancellationToken);

    public Task<Page<ReferralSummary>?> ReviewQueueAsync(
        string reviewBodyId, string? continuation, int limit, CancellationToken cancellationToken = default) =>
        PageAsync(IndexRows.QueuePartition(reviewBodyId), continuation, limit, cancellationToken);

    /// <summary>One page of a listing partition, in RowKey order from just after the continuation: a range
    /// query that reads at most <paramref name="limit"/> rows, however large the partition.</summary>
    private async Task<Page<ReferralSummary>?> PageAsync(string partition, string? continuation, int limit, CancellationToken cancellationToken)
    {
        var after = "";
        if (continuation is not null && !KeyContinuation.TryDecode(continuation, partition, IndexRows.IsRowKey, out after)) return null;
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var items = new List<ReferralSummary>(limit);
        string? lastRowKey = null;
        var more = false;
        // Storage may end a page early (or empty) with a continuation; keep reading until the page is full.
        await foreach (var page in storage.Index.QueryAsync<TableEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(pageSizeHint: limit))
        {
            var taken = page.Values.Take(limit - items.Count).ToList();
            items.AddRange(taken.Select(IndexRows.ReadSummary));
            if (taken.Count > 0) lastRowKey = taken[^1].RowKey;
            more = page.ContinuationToken is not null || taken.Count < page.Values.Count;
            if (items.Count >= limit) break;
        }
        return new Page<ReferralSummary>(items, more && lastRowKey is not null ? KeyContinuation.Encode(partition, lastRowKey) : null);
    }
}
