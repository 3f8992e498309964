using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
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
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = DevServices.NewReferralId();
            ids.Add(id);
            await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
            runtime.Time.Advance(TimeSpan.FromHours(1));
        }
        await runtime.SettleAsync();

        var queue = await runtime.Reader.ReviewQueueAsync(Scenario.Profile);
        Assert.Equal(ids, queue.Select(q => q.ReferralId)); // oldest first

        await runtime.Commands.ExecuteAsync(ids[1], Scenario.Approve(), null, null);
        await runtime.SettleAsync();
        // Delivering the same rows again changes nothing (at least once, idempotent).
        await runtime.SettleAsync();

        Assert.Equal([ids[0], ids[2]], (await runtime.Reader.ReviewQueueAsync(Scenario.Profile)).Select(q => q.ReferralId));
        var all = await runtime.Reader.ListAsync(Scenario.Unit, null, null, 10);
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Items.Select(s => s.ReferralId)); // newest first
        var approved = await runtime.Reader.ListAsync(Scenario.Unit, ReferralStatus.AwaitingGrantingDraft, null, 10);
        var summary = Assert.Single(approved.Items);
        Assert.Equal((ids[1], 2), (summary.ReferralId, summary.Version));

        var page1 = await runtime.Reader.ListAsync(Scenario.Unit, null, null, 2);
        Assert.Equal(2, page1.Items.Count);
        Assert.NotNull(page1.ContinuationToken);
        var page2 = await runtime.Reader.ListAsync(Scenario.Unit, null, page1.ContinuationToken, 2);
        Assert.Equal(ids[0], Assert.Single(page2.Items).ReferralId);
    }

    [Fact]
    public async Task The_access_log_keeps_every_read_in_order()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var log = runtime.Services.GetRequiredService<IAccessLog>();
        var id = DevServices.NewReferralId();
        var at = Scenario.Start;
        await log.RecordAsync(new AccessRecord(id, "worker-1", "ReferringWorker", Scenario.Unit, "GET /api/referrals/{id}", at));
        await log.RecordAsync(new AccessRecord(id, "auditor-1", "Auditor", Scenario.Unit, "GET /api/referrals/{id}/timeline", at));
        await log.RecordAsync(new AccessRecord(id, "worker-1", "ReferringWorker", Scenario.Unit, "GET /api/referrals/{id}", at.AddSeconds(1)));

        var records = await log.ForReferralAsync(id);
        Assert.Equal(3, records.Count);
        Assert.Equal(records.OrderBy(r => r.At), records);
        Assert.Contains(records, r => r.UserId == "auditor-1" && r.Route.EndsWith("/timeline", StringComparison.Ordinal));
    }
}
