using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Hosting;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Hosting;

/// <summary>The standalone clock and courier as hosted services: the courier acts on the signal of a
/// commit, and the clock wakes at the next due time on its own (here, fake time moved past it).</summary>
[Collection(DevServicesCollection.Name)]
public sealed class HostedServicesTests(DevServices services)
{
    [Fact]
    public async Task The_courier_acts_on_the_commit_signal_and_the_clock_wakes_at_the_due_time()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start, s => s.AddStandaloneClockAndCourier(),
            new Dictionary<string, string?> { ["Clock:PollInterval"] = "01:00:00", ["Clock:SweepInterval"] = "1.00:00:00" });
        var hosted = runtime.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(2, hosted.Count);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var service in hosted) await service.StartAsync(stop.Token);
        try
        {
            var id = DevServices.NewReferralId();
            await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);

            // The signal, not the hourly poll, brings the mail and the schedule row.
            var inbox = await services.Maildev.WaitAsync(all => all.Any(m => m.IsTo(runtime.Mailbox("ReviewBody"))), TimeSpan.FromSeconds(15));
            Assert.Contains(inbox, m => m.IsTo(runtime.Mailbox("ReviewBody")));
            var due = await Eventually(() => runtime.Dispatcher.NextDueAsync(), d => d is not null);
            Assert.True(due > runtime.Time.GetUtcNow());

            // Move the fake clock past the due time: the clock's own timer wakes it and it fires.
            runtime.Time.SetUtcNow(due!.Value.AddMinutes(1));
            var timeline = await Eventually(() => runtime.Reader.TimelineAsync(id), t => t.Any(e => e.Event is ReminderRaised));
            Assert.Equal(TimerKind.ReviewOverdue, Assert.Single(timeline.Select(e => e.Event).OfType<ReminderRaised>()).Kind);
            var reminders = await services.Maildev.WaitAsync(all => all.Any(m => m.IsTo(runtime.Mailbox("ReviewBody")) &&
                m.Subject!.StartsWith("Muistutus", StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
            Assert.Single(reminders, m => m.IsTo(runtime.Mailbox("ReviewBody")) && m.Subject!.StartsWith("Muistutus", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var service in hosted) await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Polls in real time (bounded) until the condition holds; returns the last value for the assert.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (until(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }
}
