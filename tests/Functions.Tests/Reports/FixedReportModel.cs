using Referrals.Functions.Reports;

namespace Referrals.Functions.Tests.Reports;

/// <summary>A report model with a few counts in memory, for the route tests that replace storage.</summary>
internal sealed class FixedReportModel : IReportModel
{
    public static readonly ReportCell UnitA = new("unit-a", "vantaa-steering-group", "sr-everyday-coaching");

    public Task<IReadOnlyList<CellCounts>> CellsAsync(IReadOnlyCollection<string> partitions, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CellCounts>>(partitions.Where(p => p.StartsWith("m|", StringComparison.Ordinal)).Select(p =>
            new CellCounts(p, UnitA, new Dictionary<string, long> { [ReportCounters.Submitted] = 7, [ReportCounters.Line("approved")] = 6, [ReportCounters.Line("refused")] = 1 })).ToList());

    public Task<IReadOnlyList<OpenWork>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenWork>>([new OpenWork(UnitA, OverdueWork.Reviews, 1)]);
}
