using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Referrals.Functions.Tests.Referrals;

/// <summary>Counts the storage requests of every command type (the target is the minimum: one point
/// read and one transaction) and of the work the courier and clock do after it, and prints them.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class RequestCountTests(DevServices services, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_command_costs_one_point_read_and_one_transaction()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        await runtime.Storage.EnsureCreatedAsync();
        var id = DevServices.NewReferralId();
        var report = new List<string> { "| step | requests | by operation |", "| --- | --- | --- |" };

        async Task<StorageRequestCounter.Measurement> Measure(string step, Func<Task> action)
        {
            using var measurement = runtime.Counter.Measure();
            await action();
            measurement.Dispose();
            report.Add($"| {step} | {measurement.Total} | {measurement} |");
            return measurement;
        }

        async Task Command(ReferralCommand command, string? key = null, int? expected = null)
        {
            CommandResult? result = null;
            var m = await Measure($"{command.GetType().Name}{(key is null ? "" : " (idempotency key)")}",
                async () => result = await runtime.Commands.ExecuteAsync(id, command, key, expected));
            Assert.IsType<CommandResult.Accepted>(result);
            Assert.Equal(1, m.Counts.GetValueOrDefault("GET Referrals point-read"));
            Assert.Equal(1, m.Counts.GetValueOrDefault("POST $batch"));
            Assert.Equal(2, m.Total);
            await Measure($"  courier after {command.GetType().Name}", () => runtime.Courier.DeliverAsync(id));
        }

        await Command(Scenario.Submit(), "submit");
        var replay = await Measure("SubmitReferral retried (same key)", () => runtime.Commands.ExecuteAsync(id, Scenario.Submit(), "submit", null));
        Assert.Equal(0, replay.Counts.GetValueOrDefault("POST $batch"));
        runtime.Time.Advance(TimeSpan.FromDays(1));
        await Command(Scenario.Approve(), expected: 1);
        runtime.Time.Advance(TimeSpan.FromDays(1));
        await Command(Scenario.Draft(new(2026, 3, 2), new(2026, 12, 31)));

        runtime.Time.Advance(TimeSpan.FromDays(5));
        var fired = await Measure("clock: fire due timers (1 due)", () => runtime.ReferralClock.FireDueTimersAsync(id, runtime.Time.GetUtcNow()));
        Assert.Equal(3, fired.Total); // the clock's snapshot read, then the command path's read and transaction
        Assert.Equal(1, fired.Counts.GetValueOrDefault("POST $batch"));
        await Measure("  courier after TimerElapsed", () => runtime.Courier.DeliverAsync(id));
        var timer = (await runtime.Reader.TimelineAsync(id)).Select(e => e.Event).OfType<ReminderRaised>().Last();
        await Measure("TimerElapsed fired again (same key)", () => runtime.Commands.ExecuteAsync(
            id, new TimerElapsed(timer.Kind, timer.DueAt) { By = Domain.Common.Actor.System },
            Functions.Clock.SnapshotReferralClock.IdempotencyKey(timer.Kind, timer.DueAt), null));

        await Command(Scenario.Sign());
        await Command(Scenario.NotifyByLetter(Domain.Calendar.FinnishCalendar.DateIn(runtime.Time.GetUtcNow())));
        runtime.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await Command(Scenario.StartService(new(2026, 3, 2)));
        await Command(new RecordClientPlan(new(2026, 3, 2)) { By = Scenario.Worker });
        await Command(Scenario.Report(new(2026, 3, 2)));
        await Command(new CloseService(new(2026, 3, 2), "Yhteenveto.", true) { By = Scenario.Worker });
        var idle = await Measure("clock: nothing due", () => runtime.ReferralClock.FireDueTimersAsync(id, runtime.Time.GetUtcNow()));
        Assert.Equal(1, idle.Total); // one point read
        await Measure("clock: read the next due time", () => runtime.ReferralClock.ReadAsync(id));
        await Measure("reader: GetAsync", () => runtime.Reader.GetAsync(id));

        output.WriteLine(string.Join(Environment.NewLine, report));
        Assert.True(fired.Total >= 1);
    }
}
