using System.Collections.Immutable;
using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Benchmarks.Scale;

/// <summary>N open referrals written straight to rows through the product's own row writers: the real
/// decider decides each submission, <see cref="ReferralRows"/> makes its partition (events, snapshot,
/// idempotency row; one transaction per referral, as a submission commits), and <see cref="IndexRows"/>
/// makes the rows the projector would (unit, status and queue partitions, in transactions of 100). All in
/// one referring unit and one review body: the largest listing and queue N can make.</summary>
public static class Seeder
{
    public const string Unit = "bench-unit";
    public const string ReviewBody = "vantaa-steering-group";
    public static readonly Actor Worker = new("bench-worker", Role.ReferringWorker, Unit);

    public static SubmitReferral Submission() =>
        new(ReviewBody, "c-bench", new DateOnly(1990, 5, 5), "sr-everyday-coaching", "Arvio asiakkaan tilanteesta ja tuen tarpeesta.",
            ImmutableList.Create("Säännöllinen päivärytmi"), new DateOnly(2027, 3, 1)) { By = Worker };

    public static string IdOf(int n, int i) => $"seed{n}-{i:D6}";

    /// <summary>The rows of one submitted referral, as the command path would write them (without its outbox).</summary>
    internal static (List<TableTransactionAction> Partition, IndexItem Index) Rows(ReferralDecider process, string id, DateTimeOffset at)
    {
        var initial = ReferralState.Initial with { Id = id };
        var events = ((Outcome.Accepted)process.Decide(initial, Submission(), at)).Events;
        var state = events.Aggregate(initial, ReferralDecider.Evolve);
        var actions = events.Select((e, v) => new TableTransactionAction(TableTransactionActionType.Add, ReferralRows.EventRow(id, v + 1, e))).ToList();
        actions.Add(new(TableTransactionActionType.Add, ReferralRows.SnapshotRow(state, process.Schedule(state))));
        actions.Add(new(TableTransactionActionType.Add, ReferralRows.CommandRow(id, "seed-" + id, nameof(SubmitReferral), 1, state.Version, at)));
        return (actions, TableReferralCommands.IndexItemFor(initial, state, at));
    }

    /// <summary>Seeds the listing rows (<c>ReferralIndex</c>) of all <paramref name="n"/> referrals, and their
    /// partitions in <c>Referrals</c> until <paramref name="budget"/> is spent (Azurite's inserts slow down with
    /// every row that shares a RowKey; the snapshot's and the events' keys carry the referral id so that they do not). Returns how many partitions were written and how long it all took.
    /// Ids are <see cref="IdOf"/>(n, i); submission times are a second apart, oldest first.</summary>
    public static async Task<(int Partitions, TimeSpan Took)> SeedAsync(IServiceProvider services, int n, DateTimeOffset newest, TimeSpan budget)
    {
        var process = services.GetRequiredService<ReferralDecider>();
        var storage = services.GetRequiredService<StorageAccount>();
        var clock = Stopwatch.StartNew();

        var index = Enumerable.Range(0, n).Select(i => Rows(process, IdOf(n, i), newest.AddSeconds(i - n)).Index).ToList();
        var chunks = index.SelectMany(IndexRowsOf).GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
            await storage.Index.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct));
        Console.Error.WriteLine($"  index: {chunks.Sum(c => c.Length)} rows of {n} referrals in {clock.Elapsed.TotalSeconds:F1} s");

        var written = new bool[n];
        using var stop = new CancellationTokenSource(budget - clock.Elapsed);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stop.Token }, async (i, ct) =>
            {
                var (partition, _) = Rows(process, IdOf(n, i), newest.AddSeconds(i - n));
                await storage.Referrals.SubmitTransactionAsync(partition, CancellationToken.None);
                written[i] = true;
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Out of budget: the commands are measured against the partitions written so far.
        }
        return (written.TakeWhile(w => w).Count(), clock.Elapsed);
    }

    private static IEnumerable<TableEntity> IndexRowsOf(IndexItem item)
    {
        var s = item.Summary;
        var rowKey = IndexRows.UnitRowKey(s);
        yield return IndexRows.Row(IndexRows.UnitPartition(s.Unit), rowKey, s);
        yield return IndexRows.Row(IndexRows.StatusPartition(s.Unit, s.Status), rowKey, s);
        if (item.Queue is { } queue) yield return IndexRows.Row(IndexRows.QueuePartition(queue.ReviewBodyId), IndexRows.QueueRowKey(queue, s.ReferralId), s);
    }
}
