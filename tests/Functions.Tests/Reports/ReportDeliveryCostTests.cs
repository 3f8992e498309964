using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Reports;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Referrals.Functions.Tests.Reports;

/// <summary>The storage requests the report projector adds to a courier delivery (counted with the request counter of
/// <see cref="Referrals.RequestCountTests"/>), printed as a table: a delivery already applied costs one read, an event
/// that feeds no report and changes no open work one read of the stream and one write, and a batch of many events
/// one transaction per year it touches, not one per event and month.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ReportDeliveryCostTests(DevServices services, ITestOutputHelper output)
{
    [Fact]
    public async Task The_projector_adds_few_storage_requests_per_delivered_batch()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var process = runtime.Decider;
        var projector = runtime.ReportProjector;
        var storage = ReportModelTests.Background(runtime);
        var seeded = SeededReferrals.Generate(ReportModelTests.Configuration, 40, new DateOnly(2024, 1, 1), 2, 2, ReportModelTests.Now, seed: 13)
            .Where(r => r.Events.Any(e => e.Event is ServiceClosed)).Take(4).ToList();
        Assert.True(seeded.Count >= 2);
        await SeededReferrals.WriteAsync(storage, process, seeded.Skip(1));
        await storage.EnsureCreatedAsync();
        var report = new List<string> { "| delivery | requests | by operation |", "| --- | ---: | --- |" };

        async Task<int> Measure(string step, Func<Task> action)
        {
            using var measurement = runtime.Counter.Measure();
            await action();
            measurement.Dispose();
            report.Add($"| {step} | {measurement.Total} | {measurement} |");
            return measurement.Total;
        }

        // One referral delivered as the courier does it: each event is stored, then delivered, before the next exists.
        var one = seeded[0];
        var perEvent = new List<int>();
        foreach (var (version, e) in one.Events)
        {
            await storage.Referrals.UpsertEntityAsync(ReferralRows.EventRow(one.Id, version, e));
            perEvent.Add(await Measure($"v{version} {e.GetType().Name}", () => projector.ApplyAsync(one.Id, version)));
        }
        var again = await Measure("the same version again", () => projector.ApplyAsync(one.Id, one.State.Version));
        Assert.Equal(1, again);
        // After the first (which also settles new or returning client), a delivery costs at most six requests: the
        // referral's row, its stream, the year's row and its transaction, the open work and its transaction; an event
        // that moves the running balance (start, close) two more.
        foreach (var ((_, e), n) in one.Events.Zip(perEvent).Skip(1))
            Assert.InRange(n, 1, e is ServiceStarted or ServiceClosed ? 8 : 6);

        // An event that feeds no report and changes no open work: the version only.
        var quiet = one.State.Version + 1;
        await storage.Referrals.UpsertEntityAsync(ReferralRows.EventRow(one.Id, quiet, new AttachmentAdded("att-1", "application/pdf", 10, new string('a', 64))));
        Assert.Equal(3, await Measure($"v{quiet} AttachmentAdded (feeds nothing)", () => projector.ApplyAsync(one.Id, quiet)));

        // A batch of a whole stream at once (a courier that was behind): per year touched one read and one transaction.
        foreach (var r in seeded.Skip(1))
        {
            var years = r.Events.Select(e => e.Event).SelectMany(YearsOf).Distinct().Count();
            var cost = await Measure($"{r.Events.Count} events at once, {years} years", () => projector.ApplyAsync(r.Id, r.State.Version));
            Assert.True(cost <= 2 + 2 + 2 * (years + 1) + 2, $"{cost} requests for {r.Events.Count} events in {years} years");
        }
        output.WriteLine(string.Join(Environment.NewLine, report));
    }

    private static IEnumerable<int> YearsOf(ReferralEvent e) => e switch
    {
        ServiceStarted s => [s.On.Year],
        ServiceClosed c => [c.On.Year],
        ClientPlanRecorded p => [p.On.Year],
        EsyMeasured m => [m.On.Year],
        DecisionSigned s => [s.SignedOn.Year],
        _ => [Domain.Calendar.FinnishCalendar.DateIn(e.At).Year],
    };
}
