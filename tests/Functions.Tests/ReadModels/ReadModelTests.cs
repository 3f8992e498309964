using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Functions.Tests.ReadModels;

[Collection(DevServicesCollection.Name)]
public sealed class ReadModelTests(DevServices services)
{
    [Fact]
    public async Task Listings_by_unit_and_status_and_the_review_queue_follow_the_outbox()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var ids = await SubmitAsync(runtime, 3);

        Assert.Equal(ids, await QueueAsync(runtime)); // oldest first

        await runtime.Commands.ExecuteAsync(ids[1], Scenario.Approve(), null, null);
        await runtime.SettleAsync();
        // Delivering the same rows again changes nothing (at least once, idempotent).
        await runtime.SettleAsync();

        Assert.Equal([ids[0], ids[2]], await QueueAsync(runtime));
        var all = await runtime.Reader.ListAsync(Scenario.Unit, null, null, 10);
        Assert.Equal(ids.AsEnumerable().Reverse(), all!.Items.Select(s => s.ReferralId)); // newest first
        Assert.Null(all.Continuation);
        var approved = await runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingGrantingDraft, null, 10);
        var summary = Assert.Single(approved!.Items);
        Assert.Equal((ids[1], 2), (summary.ReferralId, summary.Version));
        // The status listing is its own partition: the approved referral has left the one it was in.
        var waiting = await runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingReview, null, 10);
        Assert.Equal([ids[2], ids[0]], waiting!.Items.Select(s => s.ReferralId));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats_in_each_listing()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var ids = await SubmitAsync(runtime, 7);
        var newestFirst = ids.AsEnumerable().Reverse().ToList();

        Assert.Equal(newestFirst, await AllPagesAsync(c => runtime.Reader.ListAsync(Scenario.Unit, null, c, 3), [3, 3, 1]));
        Assert.Equal(newestFirst, await AllPagesAsync(c => runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingReview, c, 3), [3, 3, 1]));
        Assert.Equal(ids, await AllPagesAsync(c => runtime.Reader.ReviewQueueAsync(Scenario.Profile, c, 3), [3, 3, 1]));
        // A page that ends exactly at the last row says there is no more.
        var exact = await runtime.Reader.ListAsync(Scenario.Unit, null, null, 7);
        Assert.Equal(7, exact!.Items.Count);
        Assert.Null(exact.Continuation);
    }

    [Fact]
    public async Task A_continuation_of_another_listing_or_a_tampered_one_is_refused_before_storage()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        await SubmitAsync(runtime, 3);
        var first = await runtime.Reader.ListAsync(Scenario.Unit, null, null, 1);
        var token = first!.Continuation!;
        Assert.NotNull(await runtime.Reader.ListAsync(Scenario.Unit, null, token, 1));

        using var requests = runtime.Counter.Measure();
        Assert.Null(await runtime.Reader.ListAsync("another-unit", null, token, 1));
        Assert.Null(await runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingReview, token, 1));
        Assert.Null(await runtime.Reader.ReviewQueueAsync(Scenario.Profile, token, 1));
        var key = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token)[..^8]);
        foreach (var tampered in new[]
                 {
                     "x", token[..^1], token[..^2], token[..^4], token + "A", token + "AAAA", "%%%", "",
                     Flip(token, 0), Flip(token, token.Length / 2), Base64Url(key), Base64Url("' or 1 eq 1"),
                     KeyContinuation.Encode(IndexRows.UnitPartition(Scenario.Unit), "9999999999999999999|x' or RowKey gt '"),
                     KeyContinuation.Encode(IndexRows.UnitPartition(Scenario.Unit), "not-a-row-key"),
                 })
            Assert.Null(await runtime.Reader.ListAsync(Scenario.Unit, null, tampered, 1));
        Assert.Equal(0, requests.Total);
    }

    [Fact]
    public async Task Leaving_the_queue_removes_the_row_and_coming_back_adds_one_at_the_new_time()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var ids = await SubmitAsync(runtime, 2);
        await runtime.Commands.ExecuteAsync(ids[0], new ReviewReferral(ReviewOutcome.RequestInformation, "Lisätietoja?") { By = Scenario.Member }, null, null);
        await runtime.SettleAsync();
        Assert.Equal([ids[1]], await QueueAsync(runtime));
        var asked = await runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingInformation, null, 10);
        Assert.Equal(ids[0], Assert.Single(asked!.Items).ReferralId);

        runtime.Time.Advance(TimeSpan.FromHours(1));
        await runtime.Commands.ExecuteAsync(ids[0], new SupplementInformation("Tässä.") { By = Scenario.Worker }, null, null);
        await runtime.SettleAsync();
        Assert.Equal([ids[1], ids[0]], await QueueAsync(runtime)); // re-queued now, so after the other
        Assert.Empty((await runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingInformation, null, 10))!.Items);
        Assert.Equal(2, (await runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingReview, null, 10))!.Items.Count);
    }

    [Fact]
    public async Task Index_items_delivered_late_or_twice_leave_one_row_per_referral_in_the_newest_status()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var projector = runtime.Services.GetRequiredService<ReadModelProjector>();
        await runtime.Storage.EnsureCreatedAsync();
        var submitted = Scenario.Start;
        var queued = new QueueEntry(Scenario.Profile, submitted);
        IndexItem At(int version, ReferralStatus status, QueueEntry? queue, QueueEntry? previousQueue, ReferralStatus? previous) =>
            new(new ReferralSummary("r-late", Scenario.Unit, Scenario.Profile, Scenario.Profile, status, "sr", submitted, submitted, version),
                queue, previousQueue, previous);
        var v1 = At(1, ReferralStatus.AwaitingReview, queued, null, null);
        var v2 = At(2, ReferralStatus.AwaitingInformation, null, queued, ReferralStatus.AwaitingReview);
        var v3 = At(3, ReferralStatus.AwaitingGrantingDraft, null, null, ReferralStatus.AwaitingInformation);

        await projector.ApplyAsync(v1);
        await projector.ApplyAsync(v3);
        await projector.ApplyAsync(v2);
        await projector.ApplyAsync(v1);
        await projector.ApplyAsync(v3);

        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in runtime.Storage.Index.QueryAsync<Azure.Data.Tables.TableEntity>()) rows.Add(row);
        Assert.Equal(
            [(IndexRows.StatusPartition(Scenario.Unit, ReferralStatus.AwaitingGrantingDraft), 3), (IndexRows.UnitPartition(Scenario.Unit), 3)],
            rows.Select(r => (r.PartitionKey, r.GetInt32("Version") ?? 0)).Order());
    }

    /// <summary>The next version replaces or removes the rows the last one wrote by their ETags (kept on the unit
    /// row) and adds the new ones: besides the unit row's own read, nothing is read first.</summary>
    [Fact]
    public async Task A_version_after_the_last_writes_its_rows_without_reading_them_first()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var projector = runtime.Services.GetRequiredService<ReadModelProjector>();
        await runtime.Storage.EnsureCreatedAsync();
        var submitted = Scenario.Start;
        var queued = new QueueEntry(Scenario.Profile, submitted);
        var id = DevServices.NewReferralId();
        IndexItem At(int version, ReferralStatus status, QueueEntry? queue, QueueEntry? previousQueue, ReferralStatus? previous) =>
            new(new ReferralSummary(id, Scenario.Unit, Scenario.Profile, Scenario.Profile, status, "sr", submitted, submitted, version),
                queue, previousQueue, previous);
        async Task<IReadOnlyDictionary<string, int>> Measured(IndexItem item)
        {
            using var measured = runtime.Counter.Measure();
            await projector.ApplyAsync(item);
            return measured.Counts;
        }

        // Submitted: the unit row's read (none yet), the status and queue rows added, the unit row added.
        var submit = await Measured(At(1, ReferralStatus.AwaitingReview, queued, null, null));
        Assert.Equal(1, submit["GET ReferralIndex point-read"]);
        Assert.Equal(3, submit["POST ReferralIndex insert"]);
        Assert.Equal(4, submit.Values.Sum());

        // A command that keeps status and queue: both rows and the unit row replaced by If-Match.
        var same = await Measured(At(2, ReferralStatus.AwaitingReview, queued, queued, ReferralStatus.AwaitingReview));
        Assert.Equal(1, same["GET ReferralIndex point-read"]);
        Assert.Equal(3, same["PUT ReferralIndex update"]);
        Assert.Equal(4, same.Values.Sum());

        // Reviewed: the new status row added, the old status and queue rows removed by If-Match, the unit row replaced.
        var reviewed = await Measured(At(3, ReferralStatus.AwaitingGrantingDraft, null, queued, ReferralStatus.AwaitingReview));
        Assert.Equal(1, reviewed["GET ReferralIndex point-read"]);
        Assert.Equal(1, reviewed["POST ReferralIndex insert"]);
        Assert.Equal(2, reviewed["DELETE ReferralIndex delete"]);
        Assert.Equal(5, reviewed.Values.Sum());

        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in runtime.Storage.Index.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"ReferralId eq {id}"))) rows.Add(row);
        Assert.Equal(
            [(IndexRows.StatusPartition(Scenario.Unit, ReferralStatus.AwaitingGrantingDraft), 3), (IndexRows.UnitPartition(Scenario.Unit), 3)],
            rows.Select(r => (r.PartitionKey, r.GetInt32("Version") ?? 0)).Order());
    }

    /// <summary>A row another delivery moved on after the unit row's version wrote it: its ETag no longer matches,
    /// so the row's own version decides, as when nothing is known.</summary>
    [Fact]
    public async Task A_row_rewritten_by_a_newer_version_since_the_unit_row_is_neither_replaced_nor_removed_by_an_older_one()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var projector = runtime.Services.GetRequiredService<ReadModelProjector>();
        await runtime.Storage.EnsureCreatedAsync();
        var submitted = Scenario.Start;
        var queued = new QueueEntry(Scenario.Profile, submitted);
        // Version 2 keeps status and queue (it would replace both rows); version 3 leaves both (it would remove them).
        foreach (var (version, status, queue) in new[] { (2, ReferralStatus.AwaitingReview, (QueueEntry?)queued), (3, ReferralStatus.AwaitingGrantingDraft, null) })
        {
            var id = DevServices.NewReferralId();
            ReferralSummary Summary(int v, ReferralStatus s) => new(id, Scenario.Unit, Scenario.Profile, Scenario.Profile, s, "sr", submitted, submitted, v);
            await projector.ApplyAsync(new IndexItem(Summary(1, ReferralStatus.AwaitingReview), queued, null, null));

            // Version 5 got as far as its status row (still awaiting review, so the same row) and the queue row, not the unit row.
            var statusPartition = IndexRows.StatusPartition(Scenario.Unit, ReferralStatus.AwaitingReview);
            var rowKey = IndexRows.UnitRowKey(Summary(1, ReferralStatus.AwaitingReview));
            var queuePartition = IndexRows.QueuePartition(queued.ReviewBodyId);
            var queueKey = IndexRows.QueueRowKey(queued, id);
            foreach (var (partition, key) in new[] { (statusPartition, rowKey), (queuePartition, queueKey) })
                await runtime.Storage.Index.UpsertEntityAsync(IndexRows.Row(partition, key, Summary(5, ReferralStatus.AwaitingReview)), Azure.Data.Tables.TableUpdateMode.Replace);

            await projector.ApplyAsync(new IndexItem(Summary(version, status), queue, queued, ReferralStatus.AwaitingReview));

            foreach (var (partition, key) in new[] { (statusPartition, rowKey), (queuePartition, queueKey) })
            {
                var row = await runtime.Storage.Index.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(partition, key);
                Assert.True(row.HasValue, $"version {version} removed version 5's row in {partition}");
                Assert.Equal(5, row.Value!.GetInt32("Version"));
            }
        }
    }

    [Fact]
    public async Task The_sweep_lists_each_open_referral_once_though_the_index_holds_several_rows_per_referral()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var ids = await SubmitAsync(runtime, 3);
        await runtime.Commands.ExecuteAsync(ids[1], new WithdrawReferral("Muutti pois.") { By = Scenario.Worker }, null, null);
        await runtime.SettleAsync();

        var open = new List<string>();
        await foreach (var referral in new Functions.Clock.IndexOpenReferrals(runtime.Storage.Index).ListOpenReferralsAsync()) open.Add(referral.ReferralId);

        Assert.Equal([ids[0], ids[2]], open.OrderBy(ids.IndexOf)); // no duplicates, not the withdrawn one
    }

    /// <summary>A refusal ends the referral, but its notification and review period still run on the clock, so
    /// the sweep that restarts lost clocks lists it until the refusal is final; then no longer.</summary>
    [Fact]
    public async Task The_sweep_lists_a_refused_referral_until_its_decision_is_final()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var ids = await SubmitAsync(runtime, 2);
        var id = ids[0];
        await runtime.Commands.ExecuteAsync(id, new ReviewReferral(ReviewOutcome.Refuse, "Ei tarvetta.") { By = Scenario.Member }, null, null);
        await runtime.Commands.ExecuteAsync(id, new DraftDecision(DecisionKind.Refusing, "Ei tarvetta.", null, null, null, "Sosiaalityöntekijä", "09 123") { By = Scenario.Worker }, null, null);
        var signed = await runtime.Commands.ExecuteAsync(id, Scenario.Sign(), null, null);
        Assert.Equal(ReferralStatus.Refused, Assert.IsType<CommandResult.Accepted>(signed).State.Status);
        await runtime.SettleAsync();
        Assert.Contains(id, await OpenAsync(runtime));

        var today = Domain.Calendar.FinnishCalendar.DateIn(runtime.Time.GetUtcNow());
        await runtime.Commands.ExecuteAsync(id, Scenario.NotifyByLetter(today), null, null);
        await runtime.SettleAsync();
        Assert.Contains(id, await OpenAsync(runtime));

        var state = (await runtime.Reader.GetAsync(id))!;
        var final = runtime.Decider.Schedule(state).Single(t => t.Kind == Domain.Scheduling.TimerKind.DecisionFinal);
        runtime.Time.Advance(final.DueAt - runtime.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
        await runtime.Commands.ExecuteAsync(id, new TimerElapsed(final.Kind, final.DueAt) { By = Domain.Common.Actor.System }, null, null);
        await runtime.SettleAsync();
        Assert.True((await runtime.Reader.GetAsync(id))!.IsSettled);
        Assert.Equal([ids[1]], await OpenAsync(runtime));
    }

    private static async Task<List<string>> OpenAsync(TestRuntime runtime)
    {
        var open = new List<string>();
        await foreach (var referral in new Functions.Clock.IndexOpenReferrals(runtime.Storage.Index).ListOpenReferralsAsync()) open.Add(referral.ReferralId);
        return open;
    }

    private static async Task<List<string>> SubmitAsync(TestRuntime runtime, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = DevServices.NewReferralId();
            ids.Add(id);
            await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
            runtime.Time.Advance(TimeSpan.FromHours(1));
        }
        await runtime.SettleAsync();
        return ids;
    }

    private static async Task<List<string>> QueueAsync(TestRuntime runtime) =>
        (await runtime.Reader.ReviewQueueAsync(Scenario.Profile, null, 50))!.Items.Select(q => q.ReferralId).ToList();

    private static async Task<List<string>> AllPagesAsync(Func<string?, Task<Page<ReferralSummary>?>> page, int[] sizes)
    {
        var ids = new List<string>();
        var seen = new List<int>();
        string? continuation = null;
        do
        {
            var next = await page(continuation);
            Assert.NotNull(next);
            seen.Add(next.Items.Count);
            ids.AddRange(next.Items.Select(i => i.ReferralId));
            continuation = next.Continuation;
        } while (continuation is not null);
        Assert.Equal(sizes, seen);
        return ids;
    }

    private static string Flip(string token, int at) => token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task The_access_log_keeps_every_read_in_order_and_pages_it()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var log = runtime.AccessLog;
        var id = DevServices.NewReferralId();
        var at = Scenario.Start;
        await log.RecordAsync(new AccessRecord(id, "worker-1", "ReferringWorker", Scenario.Unit, "GET /api/referrals/{id}", at));
        await log.RecordAsync(new AccessRecord(id, "auditor-1", "Auditor", Scenario.Unit, "GET /api/referrals/{id}/timeline", at));
        await log.RecordAsync(new AccessRecord(id, "worker-1", "ReferringWorker", Scenario.Unit, "GET /api/referrals/{id}", at.AddSeconds(1)));

        var records = (await log.ForReferralAsync(id, null, 50))!.Items;
        Assert.Equal(3, records.Count);
        Assert.Equal(records.OrderBy(r => r.At), records);
        Assert.Contains(records, r => r.UserId == "auditor-1" && r.Route.EndsWith("/timeline", StringComparison.Ordinal));

        var first = await log.ForReferralAsync(id, null, 2);
        Assert.Equal(records.Take(2), first!.Items);
        var rest = await log.ForReferralAsync(id, first.Continuation, 2);
        Assert.Equal(records.Skip(2), rest!.Items);
        Assert.Null(rest.Continuation);
        Assert.Null(await log.ForReferralAsync(DevServices.NewReferralId(), first.Continuation, 2)); // another referral's token
        Assert.Null(await log.ForReferralAsync(id, first.Continuation![..^4], 2));
    }
}
