using Azure.Data.Tables;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>A slice's counts in one partition (a month <c>m|yyyy-MM</c> or a year's balance <c>y|yyyy</c>).</summary>
public sealed record CellCounts(string Partition, ReportCell Cell, IReadOnlyDictionary<string, long> Counts);

/// <summary>A piece of open work and the slice it belongs to.</summary>
public sealed record OpenWork(ReportCell Cell, string Kind, DateTimeOffset DueAt);

/// <summary>The reporting read model as a report reads it.</summary>
public interface IReportModel
{
    /// <summary>The count rows of these partitions (each one range query inside its partition).</summary>
    Task<IReadOnlyList<CellCounts>> CellsAsync(IReadOnlyCollection<string> partitions, CancellationToken cancellationToken);

    /// <summary>Work that was due before <paramref name="now"/> and is not done.</summary>
    Task<IReadOnlyList<OpenWork>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary><see cref="IReportModel"/> on table <c>Reports</c>, with the request's fail-fast clients.</summary>
public sealed class TableReportModel(StorageAccount storage) : IReportModel
{
    public async Task<IReadOnlyList<CellCounts>> CellsAsync(IReadOnlyCollection<string> partitions, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var parts = await Task.WhenAll(partitions.Select(async partition =>
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {ReportRows.CellPrefix} and RowKey lt {ReportRows.CellEnd}");
            var cells = new List<CellCounts>();
            await foreach (var row in storage.Reports.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var (cell, counts) = ReportRows.ReadCell(row);
                cells.Add(new CellCounts(partition, cell, counts));
            }
            return cells;
        }));
        return parts.SelectMany(p => p).ToList();
    }

    public async Task<IReadOnlyList<OpenWork>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ReportRows.Due} and RowKey lt {ReportRows.DueKeyBefore(now)}");
        var work = new List<OpenWork>();
        await foreach (var row in storage.Reports.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            work.Add(new OpenWork(new ReportCell(row.GetString("Unit"), row.GetString("ProfileId"), row.GetString("ServiceTypeCode")),
                row.GetString("Kind"), row.GetDateTimeOffset("DueAt") ?? now));
        }
        return work;
    }
}
