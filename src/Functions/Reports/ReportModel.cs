using Azure.Data.Tables;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>A slice's counts in one logical partition (a month <c>m|yyyy-MM</c> or a year's balance <c>y|yyyy</c>).</summary>
internal sealed record CellCounts(string Partition, ReportCell Cell, IReadOnlyDictionary<string, long> Counts);

/// <summary>How many pieces of one kind of work a slice owes that are past their day.</summary>
internal sealed record OpenWork(ReportCell Cell, string Kind, long Count);

/// <summary>The reporting read model as a report reads it.</summary>
internal interface IReportModel
{
    /// <summary>The counts of these logical partitions (months and year balances).</summary>
    Task<IReadOnlyList<CellCounts>> CellsAsync(IReadOnlyCollection<string> partitions, CancellationToken cancellationToken);

    /// <summary>Work that was due before <paramref name="now"/> and is not done, per slice and kind.</summary>
    Task<IReadOnlyList<OpenWork>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary><see cref="IReportModel"/> on table <c>Reports</c>, with the request's fail-fast clients: a report of any
/// period in one year is one range of its year's roll-up (plus the balance range when it needs earlier years).</summary>
internal sealed class TableReportModel(StorageAccount storage) : IReportModel
{
    public async Task<IReadOnlyList<CellCounts>> CellsAsync(IReadOnlyCollection<string> partitions, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var wanted = partitions.ToHashSet(StringComparer.Ordinal);
        var stored = wanted.Where(p => p.StartsWith("m|", StringComparison.Ordinal))
            .Select(p => ReportRows.RollupPartition(int.Parse(p.AsSpan(2, 4), System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Any(p => p.StartsWith("y|", StringComparison.Ordinal))) stored.Add(ReportRows.Balance);
        var parts = await Task.WhenAll(stored.Select(async partition =>
        {
            var cells = new List<CellCounts>();
            await foreach (var row in CellRowsAsync(storage.Reports, partition, cancellationToken))
            {
                var (cell, slots) = ReportRows.ReadCell(row);
                foreach (var (slot, counts) in slots)
                {
                    var logical = partition == ReportRows.Balance ? "y|" + slot : "m|" + partition[2..] + "-" + slot;
                    if (wanted.Contains(logical)) cells.Add(new CellCounts(logical, cell, counts));
                }
            }
            return cells;
        }));
        return parts.SelectMany(p => p).ToList();
    }

    public async Task<IReadOnlyList<OpenWork>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var before = ReportRows.Ticks(now);
        var work = new List<OpenWork>();
        await foreach (var row in CellRowsAsync(storage.ReportState, ReportRows.Open, cancellationToken))
        {
            var (cell, kinds) = ReportRows.ReadCell(row);
            foreach (var (kind, due) in kinds)
            {
                var late = due.Where(d => string.CompareOrdinal(d.Key, before) < 0).Sum(d => d.Value);
                if (late > 0) work.Add(new OpenWork(cell, kind, late));
            }
        }
        return work;
    }

    private static IAsyncEnumerable<TableEntity> CellRowsAsync(TableClient table, string partition, CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ReportRows.CellPrefix} and RowKey lt {ReportRows.CellEnd}"),
            maxPerPage: 1000, cancellationToken: cancellationToken);
}
