using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Referrals;

/// <summary>Reads for the API: the snapshot (one point read), the event rows, and the read models.</summary>
public sealed class TableReferralReader(StorageAccount storage) : IReferralReader
{
    public async Task<ReferralState?> GetAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Referrals.GetEntityIfExistsAsync<TableEntity>(referralId, ReferralRows.Snapshot, cancellationToken: cancellationToken);
        return row.HasValue ? ReferralRows.ReadState(row.Value!) : null;
    }

    public async Task<IReadOnlyList<RecordedEvent>> TimelineAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {referralId} and RowKey gt {ReferralRows.EventPrefix} and RowKey lt {"evt."}");
        var events = new List<RecordedEvent>();
        await foreach (var row in storage.Referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(ReferralRows.ReadEvent(row));
        }
        return events;
    }

    public async Task<Page<ReferralSummary>> ListAsync(
        string unit, ReferralStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"PartitionKey eq {IndexRows.UnitPartition(unit)} and Status eq {s.ToString()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {IndexRows.UnitPartition(unit)}");
        var pages = storage.Index.QueryAsync<TableEntity>(filter, Math.Clamp(pageSize, 1, 1000), cancellationToken: cancellationToken)
            .AsPages(continuationToken, Math.Clamp(pageSize, 1, 1000));
        await foreach (var page in pages)
        {
            return new Page<ReferralSummary>(page.Values.Select(IndexRows.ReadSummary).ToList(), page.ContinuationToken);
        }
        return new Page<ReferralSummary>([], null);
    }

    public async Task<IReadOnlyList<ReferralSummary>> ReviewQueueAsync(string reviewBodyId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexRows.QueuePartition(reviewBodyId)}");
        var queue = new List<ReferralSummary>();
        await foreach (var row in storage.Index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            queue.Add(IndexRows.ReadSummary(row));
        }
        return queue;
    }
}
