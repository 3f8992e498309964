using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Calendar;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Reports;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Reports;

/// <summary>The reporting read model on Azurite: kept up by the deliveries, idempotent under redelivery,
/// and equal to a rebuild from the event streams alone.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ReportModelTests(DevServices services)
{
    public static readonly ProcessConfiguration Configuration = DefaultProcessConfiguration.Load();
    public static readonly DateTimeOffset Now = FinnishCalendar.At(new DateOnly(2026, 2, 2), 12);

    [Fact]
    public async Task The_model_kept_up_by_deliveries_equals_its_rebuild_from_the_event_streams()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var process = runtime.Decider;
        var projector = runtime.ReportProjector;
        var seeded = SeededReferrals.Generate(Configuration, 60, new DateOnly(2025, 1, 1), 1, 3, Now, seed: 3);
        await SeededReferrals.WriteAsync(Background(runtime), process, seeded);
        // Deliveries as the courier makes them: a version at a time, some twice, some late and out of order.
        foreach (var r in seeded)
        {
            var versions = Enumerable.Range(1, r.State.Version).ToList();
            foreach (var v in versions.Where((_, i) => i % 3 == 0).Append(r.State.Version).Append(1)) await projector.ApplyAsync(r.Id, v);
        }
        // And through the command path: the courier delivers the index row, and the model follows.
        var id = DevServices.NewReferralId();
        Assert.IsType<CommandResult.Accepted>(await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null));
        Assert.IsType<CommandResult.Accepted>(await runtime.Commands.ExecuteAsync(id, Scenario.Approve(), null, null));
        await runtime.SettleAsync();
        await runtime.SettleAsync();

        var incremental = await ModelAsync(Background(runtime));
        Assert.Contains(incremental, r => r.Key == ReportRows.Open + "/" + ReportRows.ReferralKey(id));
        Assert.Equal(seeded.Sum(s => s.Events.Count(e => e.Event is ReferralSubmitted)) + 1, SumOf(incremental, ReportCounters.Submitted));

        var result = await runtime.Services.GetRequiredService<ReportRebuild>().RunAsync();
        var rebuilt = await ModelAsync(Background(runtime));
        Assert.Equal(seeded.Count + 1, result.Referrals);
        Assert.Equal(incremental.Keys.Order(), rebuilt.Keys.Order());
        foreach (var (key, row) in incremental) Assert.True(row == rebuilt[key], $"{key}: {row} != {rebuilt[key]}");
    }

    [Fact]
    public async Task An_event_delivered_again_after_a_crash_before_the_open_work_and_version_is_counted_once()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var process = runtime.Decider;
        var projector = runtime.ReportProjector;
        var table = Background(runtime).ReportState;
        var seeded = SeededReferrals.Generate(Configuration, 5, new DateOnly(2025, 1, 1), 1, 1, Now, seed: 5);
        await SeededReferrals.WriteAsync(Background(runtime), process, seeded);
        foreach (var r in seeded) await projector.ApplyAsync(r.Id, r.State.Version);
        var once = await ModelAsync(Background(runtime));

        // The crash: the counts of the events after the first were written, the version was not (a delivery reads the
        // whole stream, so the row is set back by hand).
        foreach (var r in seeded)
            await table.UpsertEntityAsync(new TableEntity(ReportRows.Open, ReportRows.ReferralKey(r.Id)) { ["Version"] = 1 }, TableUpdateMode.Merge);
        foreach (var r in seeded) await projector.ApplyAsync(r.Id, r.State.Version);

        var twice = await ModelAsync(Background(runtime));
        Assert.Equal(once.Where(r => r.Key.StartsWith("r|", StringComparison.Ordinal)), twice.Where(r => r.Key.StartsWith("r|", StringComparison.Ordinal)));
        Assert.Equal(once.OrderBy(r => r.Key, StringComparer.Ordinal), twice.OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void An_event_the_fold_does_not_know_adds_nothing()
    {
        var seeded = SeededReferrals.Generate(Configuration, 1, new DateOnly(2025, 1, 1), 1, 1, Now, seed: 7)[0];
        var known = ReportContributions.Fold(seeded.Id, seeded.Events);
        var withUnknown = ReportContributions.Fold(seeded.Id, seeded.Events.Append((seeded.State.Version + 1, (ReferralEvent)new FutureEvent())));
        Assert.Equal(known.Contributions, withUnknown.Contributions);
        Assert.Equal(seeded.State.Version + 1, withUnknown.Version);
    }

    public static StorageAccount Background(TestRuntime runtime) => runtime.Services.GetRequiredKeyedService<StorageAccount>(StorageAccount.Background);

    private sealed record FutureEvent : ReferralEvent;

    /// <summary>Every row but the <c>seen</c> marks (which only the deliveries write), as comparable text.</summary>
    public static async Task<Dictionary<string, string>> ModelAsync(StorageAccount storage)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in new[] { storage.Reports, storage.ReportState, storage.ReportClients })
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (row.RowKey.StartsWith(ReportRows.SeenPrefix, StringComparison.Ordinal)) continue;
                var values = row.Where(p => p.Key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => p.Key + "=" + (p.Value is DateTimeOffset d ? d.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)));
                rows[row.PartitionKey + "/" + row.RowKey] = string.Join(";", values);
            }
        }
        return rows;
    }

    private static long SumOf(Dictionary<string, string> model, string counter) =>
        model.Where(r => r.Key.StartsWith("r|", StringComparison.Ordinal)).Sum(r =>
        {
            var json = r.Value.Split(';').First(p => p.StartsWith("Counts=", StringComparison.Ordinal))["Counts=".Length..];
            return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, long>>>(json)!.Values.Sum(m => m.GetValueOrDefault(counter));
        });
}
