using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Referrals.Domain.Calendar;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>What a rebuild did.</summary>
internal sealed record ReportRebuildResult(int Referrals, int Events, int Rows, TimeSpan Elapsed);

/// <summary>Rebuilds table <c>Reports</c> from the event streams alone: one pass over every event row, the
/// same fold as the deliveries (<see cref="ReportContributions"/>, <see cref="OverdueWork"/>), the model summed
/// in memory and written in entity-group batches over an emptied table. Run it in a quiet moment (a delivery
/// that lands during the pass is counted again by its own next delivery only if it is newer than the pass).</summary>
internal sealed class ReportRebuild(
    [FromKeyedServices(StorageAccount.Background)] StorageAccount storage,
    ReferralDecider process,
    ProcessConfiguration configuration)
{
    public Task<ReportRebuildResult> RunAsync(CancellationToken cancellationToken = default) => RunAsync(StreamsAsync(cancellationToken), cancellationToken);

    /// <summary>The rebuild over streams given (the benchmark's generated ones), as from the table.</summary>
    public async Task<ReportRebuildResult> RunAsync(IAsyncEnumerable<(string Id, List<(int Version, ReferralEvent Event)> Events)> streams, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await storage.EnsureCreatedAsync();
        var table = storage.Reports;
        await ClearAsync(table, cancellationToken);
        await ClearAsync(storage.ReportState, cancellationToken);
        await ClearAsync(storage.ReportClients, cancellationToken);

        var cells = new Dictionary<(string Partition, ReportCell Cell), Dictionary<string, Dictionary<string, long>>>();
        var rows = new List<TableEntity>();
        var clients = new List<(string Key, DateTimeOffset At, string Referral, DateOnly Day, ReportCell Cell)>();
        int referrals = 0, events = 0;
        var projector = new ReportProjector(storage, process, configuration);

        void Add(string partition, ReportCell cell, IReadOnlyDictionary<string, Dictionary<string, long>> slots)
        {
            if (!cells.TryGetValue((partition, cell), out var total)) cells[(partition, cell)] = total = new(StringComparer.Ordinal);
            ReportRows.AddInto(total, slots);
        }

        void Project(string referralId, List<(int Version, ReferralEvent Event)> stream)
        {
            events += stream.Count;
            var facts = ReportContributions.Fold(referralId, stream, id => configuration.Instrument(id)?.RisingIsBetter ?? true);
            if (facts.Cell is not { } cell) return;
            referrals++;
            foreach (var (partition, marks) in ReportProjector.Places(referralId, facts.Contributions))
                foreach (var slots in marks.Values) Add(partition, cell, slots);
            clients.Add((ReportRows.ClientKey(facts.ClientId), facts.SubmittedAt, referralId, FinnishCalendar.DateIn(facts.SubmittedAt), cell));
            var state = stream.Aggregate(ReferralState.Initial with { Id = referralId }, (s, e) => ReferralDecider.Evolve(s, e.Event));
            var due = projector.DueKeys(state);
            if (due.Count > 0) Add(ReportRows.Open, cell, ReportRows.DueHistogram(due));
            rows.Add(ReportRows.ReferralRow(referralId, facts.Version, due));
        }

        await foreach (var (id, stream) in streams.WithCancellation(cancellationToken)) Project(id, stream);

        // New or returning, as the deliveries decide it: the first referral of a client by submission time is new.
        foreach (var group in clients.GroupBy(c => c.Key))
        {
            var ordered = group.OrderBy(c => c.At).ThenBy(c => c.Referral, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var c = ordered[i];
                Add(ReportRows.RollupPartition(c.Day.Year), c.Cell, new Dictionary<string, Dictionary<string, long>>
                {
                    [ReportRows.MonthSlot(c.Day)] = new(StringComparer.Ordinal) { [i == 0 ? ReportCounters.ClientNew : ReportCounters.ClientReturning] = 1 },
                });
            }
            rows.Add(new TableEntity(ReportRows.ClientPartition(group.Key), group.Key)
            {
                ["FirstAt"] = ordered[0].At, ["FirstReferral"] = ordered[0].Referral,
                ["Unit"] = ordered[0].Cell.Unit, ["ProfileId"] = ordered[0].Cell.ProfileId, ["ServiceTypeCode"] = ordered[0].Cell.ServiceTypeCode,
            });
        }
        rows.AddRange(cells.Where(c => !ReportRows.IsEmpty(c.Value)).Select(c => ReportRows.CellRow(c.Key.Partition, c.Key.Cell, c.Value)));

        // The figures in Reports; each referral's row and the open work in ReportState; clients' first referrals in ReportClients.
        static bool IsState(TableEntity row) => row.PartitionKey == ReportRows.Open;
        static bool IsClient(TableEntity row) => row.PartitionKey.StartsWith("c|", StringComparison.Ordinal);
        await WriteAsync(table, rows.Where(r => !IsState(r) && !IsClient(r)), cancellationToken);
        await WriteAsync(storage.ReportState, rows.Where(IsState), cancellationToken);
        await WriteAsync(storage.ReportClients, rows.Where(IsClient), cancellationToken);
        return new ReportRebuildResult(referrals, events, rows.Count, clock.Elapsed);
    }

    /// <summary>Every event row of the table in one pass: rows come ordered by partition (referral) and row key (version).</summary>
    private async IAsyncEnumerable<(string, List<(int, ReferralEvent)>)> StreamsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey gt {ReferralRows.EventPrefix} and RowKey lt {ReferralRows.EventEnd}");
        string? current = null;
        var buffer = new List<(int, ReferralEvent)>();
        await foreach (var row in storage.Referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.PartitionKey != current)
            {
                if (current is not null) yield return (current, buffer);
                current = row.PartitionKey;
                buffer = [];
            }
            var recorded = ReferralRows.ReadEvent(row);
            buffer.Add((recorded.Version, recorded.Event));
        }
        if (current is not null) yield return (current, buffer);
    }

    /// <summary>Entity-group batches of up to 100 rows per partition, a few partitions at a time.</summary>
    public static async Task WriteAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken, TableTransactionActionType kind = TableTransactionActionType.UpsertReplace)
    {
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(kind, r, ETag.All)), ct));
    }

    private static async Task ClearAsync(TableClient table, CancellationToken cancellationToken)
    {
        var keys = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            keys.Add(new TableEntity(row.PartitionKey, row.RowKey) { ETag = ETag.All });
        await WriteAsync(table, keys, cancellationToken, TableTransactionActionType.Delete);
    }
}
