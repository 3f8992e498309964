using Azure;
using Azure.Data.Tables;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>Keeps table <c>Reports</c> up from the events as the outbox delivers them (the referral's index
/// row is the signal: its version says how far the stream has come). At least once and in any order:
/// a delivery's counts go, per year, in one transaction with one <c>seen</c> mark per event, so a redelivery adds
/// nothing; the referral's open work and the version applied go last, in one transaction in <c>open</c>, so a
/// delivery that is already applied stops after one read. A delivery whose events feed no count and change no
/// open work writes only the version (see <see cref="ReportContributions"/> for the events counted).</summary>
internal sealed class ReportProjector(
    [FromKeyedServices(StorageAccount.Background)] StorageAccount storage,
    ReferralDecider process,
    ProcessConfiguration configuration)
{
    private TableClient Table => storage.Reports;

    private TableClient State => storage.ReportState;

    private TableClient Clients => storage.ReportClients;

    public async Task ApplyAsync(string referralId, int version, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var known = await State.GetEntityIfExistsAsync<TableEntity>(ReportRows.Open, ReportRows.ReferralKey(referralId), cancellationToken: cancellationToken);
            var row = known.HasValue ? known.Value! : null;
            var applied = row?.GetInt32("Version") ?? 0;
            if (applied >= version) return;
            var events = await ReadEventsAsync(storage.Referrals, referralId, cancellationToken);
            var facts = ReportContributions.Fold(referralId, events, id => configuration.Instrument(id)?.RisingIsBetter ?? true);
            if (facts.Cell is not { } cell) return;

            var fresh = facts.Contributions.Where(c => c.Version > applied).ToList();
            if (applied < 1 && fresh.Any(c => c.Version == 1))
                fresh.Add(await ClientContributionAsync(facts, cancellationToken));
            foreach (var (partition, marks) in Places(referralId, fresh))
                await AddCountsAsync(partition, cell, referralId, marks, cancellationToken);

            var state = events.Aggregate(ReferralState.Initial with { Id = referralId }, (s, e) => ReferralDecider.Evolve(s, e.Event));
            var due = DueKeys(state);
            if (await ReplaceOpenWorkAsync(referralId, cell, row, facts.Version, due, cancellationToken) || attempt >= 5) return;
            // Another delivery of this referral moved it on at the same time: start again from what it wrote.
        }
    }

    /// <summary>A referral's open work as stored in its row and the histograms (distinct, in the schedule's order).</summary>
    public IReadOnlyList<string> DueKeys(ReferralState state) =>
        OverdueWork.Of(state, process.Schedule, configuration).Select(ReportRows.DueKey).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Where contributions are stored: partition → mark (one per event) → slot → counter → value.
    /// Each goes to its year's roll-up under its month, and a running-balance counter also to <c>bal</c> under its year.</summary>
    public static Dictionary<string, Dictionary<string, Dictionary<string, Dictionary<string, long>>>> Places(string referralId, IEnumerable<Contribution> contributions)
    {
        var places = new Dictionary<string, Dictionary<string, Dictionary<string, Dictionary<string, long>>>>(StringComparer.Ordinal);
        void Put(string partition, string mark, string slot, Contribution c)
        {
            if (!places.TryGetValue(partition, out var marks)) places[partition] = marks = new(StringComparer.Ordinal);
            if (!marks.TryGetValue(mark, out var slots)) marks[mark] = slots = new(StringComparer.Ordinal);
            ReportRows.AddInto(slots, new Dictionary<string, Dictionary<string, long>> { [slot] = new(StringComparer.Ordinal) { [c.Counter] = c.Value } });
        }
        foreach (var c in contributions)
        {
            var mark = ReportRows.SeenKey(referralId, c.Version);
            Put(ReportRows.RollupPartition(c.On.Year), mark, ReportRows.MonthSlot(c.On), c);
            if (ReportCounters.IsBalance(c.Counter)) Put(ReportRows.Balance, mark, ReportRows.Year(c.On.Year), c);
        }
        return places;
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
            var existing = await Clients.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
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
                if (first is not null) await Clients.UpdateEntityAsync(row, first.ETag, TableUpdateMode.Replace, cancellationToken);
                else await Clients.AddEntityAsync(row, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                continue;
            }
            if (first is not null)
            {
                var earlier = new ReportCell(first.GetString("Unit"), first.GetString("ProfileId"), first.GetString("ServiceTypeCode"));
                var on = Domain.Calendar.FinnishCalendar.DateIn(first.GetDateTimeOffset("FirstAt")!.Value);
                var firstReferral = first.GetString("FirstReferral");
                await AddCountsAsync(ReportRows.RollupPartition(on.Year), earlier, firstReferral, new(StringComparer.Ordinal)
                {
                    [ReportRows.SeenRange(firstReferral).From + "returning"] = new(StringComparer.Ordinal)
                    {
                        [ReportRows.MonthSlot(on)] = new(StringComparer.Ordinal) { [ReportCounters.ClientNew] = -1, [ReportCounters.ClientReturning] = 1 },
                    },
                }, cancellationToken);
            }
            return new Contribution(1, day, ReportCounters.ClientNew);
        }
    }

    /// <summary>Adds each mark's counts to the slice's row of one partition: one transaction with the marks (up to 99
    /// events at a time). When it fails because some marks exist (counted by an earlier attempt), those are dropped;
    /// when another event changed the row first, it is read again.</summary>
    private async Task AddCountsAsync(string partition, ReportCell cell, string referralId,
        Dictionary<string, Dictionary<string, Dictionary<string, long>>> marks, CancellationToken cancellationToken)
    {
        var pending = new SortedDictionary<string, Dictionary<string, Dictionary<string, long>>>(marks, StringComparer.Ordinal);
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            var chunk = pending.Take(99).ToList();
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, ReportRows.CellKey(cell), cancellationToken: cancellationToken);
            var total = existing.HasValue ? ReportRows.ReadCell(existing.Value!).Slots : new(StringComparer.Ordinal);
            foreach (var (_, slots) in chunk) ReportRows.AddInto(total, slots);
            var row = ReportRows.CellRow(partition, cell, total);
            var actions = chunk.Select(m => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, m.Key)))
                .Prepend(existing.HasValue ? new(TableTransactionActionType.UpdateReplace, row, existing.Value!.ETag) : new(TableTransactionActionType.Add, row))
                .ToList();
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                foreach (var (mark, _) in chunk) pending.Remove(mark);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                if (attempt >= 20) throw;
                var (from, to) = ReportRows.SeenRange(referralId);
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
                await foreach (var seen in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
                    pending.Remove(seen.RowKey);
            }
        }
    }

    /// <summary>Moves the slice's open-work histogram from what the referral owed (its row) to what it owes now, and
    /// writes the row, in one transaction. False when the referral's row changed meanwhile (another delivery).</summary>
    private async Task<bool> ReplaceOpenWorkAsync(string referralId, ReportCell cell, TableEntity? known, int version, IReadOnlyList<string> due,
        CancellationToken cancellationToken)
    {
        var before = ReportRows.DueKeysOf(known);
        var next = ReportRows.ReferralRow(referralId, version, due);
        var gone = before.Except(due, StringComparer.Ordinal).ToList();
        var added = due.Except(before, StringComparer.Ordinal).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var actions = new List<TableTransactionAction>();
            if (gone.Count > 0 || added.Count > 0)
            {
                var existing = await State.GetEntityIfExistsAsync<TableEntity>(ReportRows.Open, ReportRows.CellKey(cell), cancellationToken: cancellationToken);
                var total = existing.HasValue ? ReportRows.ReadCell(existing.Value!).Slots : new(StringComparer.Ordinal);
                ReportRows.AddInto(total, ReportRows.DueHistogram(gone, -1));
                ReportRows.AddInto(total, ReportRows.DueHistogram(added));
                if (!ReportRows.IsEmpty(total))
                {
                    var row = ReportRows.CellRow(ReportRows.Open, cell, total);
                    actions.Add(existing.HasValue ? new(TableTransactionActionType.UpdateReplace, row, existing.Value!.ETag) : new(TableTransactionActionType.Add, row));
                }
                else if (existing.HasValue) actions.Add(new(TableTransactionActionType.Delete, existing.Value!, existing.Value!.ETag));
            }
            actions.Add(known is null ? new(TableTransactionActionType.Add, next) : new(TableTransactionActionType.UpdateReplace, next, known.ETag));
            try
            {
                await State.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 20)
            {
                // The histogram changed under another referral's delivery (read it again), or this referral's row did.
                var now = await State.GetEntityIfExistsAsync<TableEntity>(ReportRows.Open, ReportRows.ReferralKey(referralId), ["RowKey"], cancellationToken);
                if (now.HasValue != (known is not null) || (known is not null && now.Value!.ETag != known.ETag)) return false;
            }
        }
    }

    /// <summary>The referral's events in order (one range query in its partition).</summary>
    public static async Task<List<(int Version, ReferralEvent Event)>> ReadEventsAsync(TableClient referrals, string referralId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {referralId} and RowKey gt {ReferralRows.EventPrefix} and RowKey lt {ReferralRows.EventEnd}");
        var events = new List<(int, ReferralEvent)>();
        await foreach (var row in referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var recorded = ReferralRows.ReadEvent(row);
            events.Add((recorded.Version, recorded.Event));
        }
        return events;
    }
}
