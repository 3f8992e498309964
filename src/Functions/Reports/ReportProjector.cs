using Azure;
using Azure.Data.Tables;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>Keeps table <c>Reports</c> up from the events as the outbox delivers them (the referral's index
/// row is the signal: its version says how far the stream has come). At least once and in any order:
/// each event's counts go in one transaction with its <c>seen</c> mark, so a redelivery adds nothing, and the
/// referral's progress row (written last) lets a delivery that is already applied stop after one read.</summary>
public sealed class ReportProjector(
    [FromKeyedServices(StorageAccount.Background)] StorageAccount storage,
    ReferralDecider process,
    ProcessConfiguration configuration)
{
    private TableClient Table => storage.Reports;

    public async Task ApplyAsync(string referralId, int version, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var progress = await Table.GetEntityIfExistsAsync<TableEntity>(ReportRows.ProgressPartition(referralId), referralId, cancellationToken: cancellationToken);
            var row = progress.HasValue ? progress.Value! : null;
            var applied = row?.GetInt32("Version") ?? 0;
            if (applied >= version) return;
            var events = await ReadEventsAsync(storage.Referrals, referralId, cancellationToken);
            var facts = ReportContributions.Fold(referralId, events, configuration.EsyInstrument.HigherIsBetter);
            if (facts.Cell is not { } cell) return;

            var fresh = facts.Contributions.Where(c => c.Version > applied).ToList();
            if (applied < 1 && fresh.Any(c => c.Version == 1))
                fresh.Add(await ClientContributionAsync(facts, cancellationToken));
            foreach (var (partition, counts) in Partitions(fresh))
                await AddCountsAsync(partition.Partition, cell, referralId, partition.Version, counts, cancellationToken);

            var state = events.Aggregate(ReferralState.Initial with { Id = referralId }, (s, e) => ReferralDecider.Evolve(s, e.Event));
            var due = OverdueWork.Of(state, process.Schedule, configuration).Select(w => ReportRows.DueRow(w, referralId, cell)).ToList();
            var before = row?.GetString("DueKeys") is { Length: > 0 } keys ? keys.Split(',') : [];
            await ReplaceDueRowsAsync(before, due, cancellationToken);

            var next = ProgressRow(referralId, facts.Version, due);
            try
            {
                if (row is null) await Table.AddEntityAsync(next, cancellationToken);
                else await Table.UpdateEntityAsync(next, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                // Another delivery moved the referral on at the same time: start again from what it wrote.
            }
        }
    }

    public static TableEntity ProgressRow(string referralId, int version, IEnumerable<TableEntity> due) =>
        new(ReportRows.ProgressPartition(referralId), referralId)
        {
            ["Version"] = version,
            ["DueKeys"] = string.Join(',', due.Select(d => d.RowKey)),
        };

    /// <summary>Contributions grouped by the partition (month, and year for the balance) and event they belong to.</summary>
    public static IEnumerable<((string Partition, int Version), Dictionary<string, long>)> Partitions(IEnumerable<Contribution> contributions)
    {
        var list = contributions.ToList();
        var months = list.GroupBy(c => (ReportRows.MonthPartition(c.On), c.Version));
        var years = list.Where(c => ReportCounters.IsBalance(c.Counter)).GroupBy(c => (ReportRows.YearPartition(c.On.Year), c.Version));
        return months.Concat(years).Select(g => (g.Key, Sum(g)));
    }

    public static Dictionary<string, long> Sum(IEnumerable<Contribution> contributions)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in contributions) counts[c.Counter] = counts.GetValueOrDefault(c.Counter) + c.Value;
        return counts;
    }

    /// <summary>New or returning: the client's first referral by submission time is new, every later one returning.
    /// A first referral delivered after a later one turns that one's "new" into "returning" (once: its own mark).</summary>
    private async Task<Contribution> ClientContributionAsync(ReferralReportFacts facts, CancellationToken cancellationToken)
    {
        var key = ReportRows.ClientKey(facts.ClientId);
        var partition = ReportRows.ClientPartition(key);
        var day = Domain.Calendar.FinnishCalendar.DateIn(facts.SubmittedAt);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            var first = existing.HasValue ? existing.Value! : null;
            if (first is not null)
            {
                var firstAt = first.GetDateTimeOffset("FirstAt") ?? DateTimeOffset.MaxValue;
                var firstId = first.GetString("FirstReferral");
                if (firstId == facts.ReferralId) return new Contribution(1, day, ReportCounters.ClientNew);
                if (firstAt < facts.SubmittedAt || (firstAt == facts.SubmittedAt && string.CompareOrdinal(firstId, facts.ReferralId) < 0))
                    return new Contribution(1, day, ReportCounters.ClientReturning);
            }
            var row = new TableEntity(partition, key)
            {
                ["FirstAt"] = facts.SubmittedAt, ["FirstReferral"] = facts.ReferralId,
                ["Unit"] = facts.Cell!.Unit, ["ProfileId"] = facts.Cell.ProfileId, ["ServiceTypeCode"] = facts.Cell.ServiceTypeCode,
            };
            try
            {
                if (first is not null) await Table.UpdateEntityAsync(row, first.ETag, TableUpdateMode.Replace, cancellationToken);
                else await Table.AddEntityAsync(row, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                continue;
            }
            if (first is not null)
            {
                var earlier = new ReportCell(first.GetString("Unit"), first.GetString("ProfileId"), first.GetString("ServiceTypeCode"));
                var on = Domain.Calendar.FinnishCalendar.DateIn(first.GetDateTimeOffset("FirstAt")!.Value);
                await AddCountsAsync(ReportRows.MonthPartition(on), earlier, ReportRows.SeenPrefix + first.GetString("FirstReferral") + "|returning",
                    new Dictionary<string, long> { [ReportCounters.ClientNew] = -1, [ReportCounters.ClientReturning] = 1 }, cancellationToken);
            }
            return new Contribution(1, day, ReportCounters.ClientNew);
        }
    }

    private Task AddCountsAsync(string partition, ReportCell cell, string referralId, int version, Dictionary<string, long> counts,
        CancellationToken cancellationToken) =>
        AddCountsAsync(partition, cell, ReportRows.SeenKey(referralId, version), counts, cancellationToken);

    private async Task AddCountsAsync(string partition, ReportCell cell, string mark, Dictionary<string, long> counts, CancellationToken cancellationToken)
    {
        var seen = new TableEntity(partition, mark);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, ReportRows.CellKey(cell), cancellationToken: cancellationToken);
            var total = existing.HasValue ? ReportRows.ReadCell(existing.Value!).Counts : new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (counter, value) in counts) total[counter] = total.GetValueOrDefault(counter) + value;
            var row = ReportRows.CellRow(partition, cell, total);
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, seen),
                existing.HasValue ? new(TableTransactionActionType.UpdateReplace, row, existing.Value!.ETag) : new(TableTransactionActionType.Add, row),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Either this event is counted already (its mark exists), or another event changed the cell first.
                if ((await Table.GetEntityIfExistsAsync<TableEntity>(partition, seen.RowKey, ["RowKey"], cancellationToken)).HasValue) return;
                if (attempt >= 20) throw;
            }
        }
    }

    private async Task ReplaceDueRowsAsync(IReadOnlyList<string> before, IReadOnlyList<TableEntity> due, CancellationToken cancellationToken)
    {
        var keep = due.Select(d => d.RowKey).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in before.Where(k => !keep.Contains(k)))
        {
            try
            {
                await Table.DeleteEntityAsync(ReportRows.Due, gone, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted already by an earlier attempt.
            }
        }
        foreach (var row in due.Where(d => !before.Contains(d.RowKey)))
            await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The referral's events in order (one range query in its partition).</summary>
    public static async Task<List<(int Version, ReferralEvent Event)>> ReadEventsAsync(TableClient referrals, string referralId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {referralId} and RowKey gt {ReferralRows.EventPrefix} and RowKey lt {"evt."}");
        var events = new List<(int, ReferralEvent)>();
        await foreach (var row in referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var recorded = ReferralRows.ReadEvent(row);
            events.Add((recorded.Version, recorded.Event));
        }
        return events;
    }
}
