using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Functions.Reports;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Reports;

/// <summary>The deliveries' <c>seen</c> marks are swept once their referral's version is recorded and they are old
/// enough, so the table a report reads does not grow with every event ever delivered; a redelivery after the
/// sweep still counts nothing twice, and a delivery that crashed before its version keeps its marks.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ReportMarkSweepTests(DevServices services)
{
    [Fact]
    public async Task Marks_older_than_the_retention_go_and_a_redelivery_after_the_sweep_still_counts_once()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var storage = ReportModelTests.Background(runtime);
        var projector = runtime.ReportProjector;
        var sweep = runtime.ReportMarkSweep;
        var seeded = SeededReferrals.Generate(ReportModelTests.Configuration, 8, new DateOnly(2025, 1, 1), 1, 2, ReportModelTests.Now, seed: 11);
        await SeededReferrals.WriteAsync(storage, runtime.Decider, seeded);
        foreach (var r in seeded) await projector.ApplyAsync(r.Id, r.State.Version);
        var model = await ReportModelTests.ModelAsync(storage);
        var marks = await MarksAsync(storage);
        Assert.NotEmpty(marks);

        // Younger than the retention (a day): nothing goes.
        Assert.Equal(0, await sweep.RunAsync(DateTimeOffset.UtcNow));
        Assert.Equal(marks, await MarksAsync(storage));

        // Two days on: every versioned mark goes, the figures stay.
        var deleted = await sweep.RunAsync(DateTimeOffset.UtcNow.AddDays(2));
        Assert.Equal(marks.Count(m => ReportRows.ReadSeenKey(m) is not null), deleted);
        Assert.DoesNotContain(await MarksAsync(storage), m => ReportRows.ReadSeenKey(m) is not null);
        Assert.Equal(model, await ReportModelTests.ModelAsync(storage));

        // Every referral delivered again, all of its versions: the figures do not move.
        foreach (var r in seeded)
            for (var v = 1; v <= r.State.Version; v++) await projector.ApplyAsync(r.Id, v);
        Assert.Equal(model, await ReportModelTests.ModelAsync(storage));
    }

    [Fact]
    public async Task A_delivery_that_crashed_before_its_version_keeps_its_marks_and_is_counted_once()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var storage = ReportModelTests.Background(runtime);
        var projector = runtime.ReportProjector;
        var sweep = runtime.ReportMarkSweep;
        var seeded = SeededReferrals.Generate(ReportModelTests.Configuration, 4, new DateOnly(2025, 1, 1), 1, 1, ReportModelTests.Now, seed: 12)
            .Where(r => r.State.Version > 2).ToList();
        Assert.NotEmpty(seeded);
        await SeededReferrals.WriteAsync(storage, runtime.Decider, seeded);
        foreach (var r in seeded) await projector.ApplyAsync(r.Id, r.State.Version);
        var once = await ReportModelTests.ModelAsync(storage);

        // The crash: the counts (and marks) of the events after the first are written, the version is not.
        foreach (var r in seeded)
            await storage.ReportState.UpsertEntityAsync(new TableEntity(ReportRows.Open, ReportRows.ReferralKey(r.Id)) { ["Version"] = 1 }, TableUpdateMode.Merge);
        var left = await sweep.RunAsync(DateTimeOffset.UtcNow.AddDays(2));
        var kept = (await MarksAsync(storage)).Select(ReportRows.ReadSeenKey).OfType<(string ReferralId, int Version)>().ToList();
        // Only the marks of the versions the rows record went; the later ones stay for the redelivery.
        Assert.All(seeded, r => Assert.Contains(kept, m => m.ReferralId == r.Id && m.Version > 1));
        Assert.DoesNotContain(kept, m => m.Version <= 1);
        Assert.True(left > 0);

        foreach (var r in seeded) await projector.ApplyAsync(r.Id, r.State.Version);
        Assert.Equal(once.OrderBy(r => r.Key, StringComparer.Ordinal), (await ReportModelTests.ModelAsync(storage)).OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    /// <summary>The row keys of every mark, partition by partition.</summary>
    private static async Task<List<string>> MarksAsync(StorageAccount storage)
    {
        var marks = new List<string>();
        await foreach (var row in storage.Reports.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            if (row.RowKey.StartsWith(ReportRows.SeenPrefix, StringComparison.Ordinal)) marks.Add(row.RowKey);
        return marks;
    }

}
