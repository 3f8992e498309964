using System.Diagnostics;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Referrals.Functions.Tests.Crash;

/// <summary>A host that runs commands while its referral clocks (the Durable Task engine on Azurite)
/// deliver their mail is killed (kill -9) at random points, at least 20 times, and restarted. No acknowledged command may be lost, and no outbox row may become two
/// different mails (a resend after a kill between send and mark carries the same Message-ID).</summary>
[Collection(DevServicesCollection.Name)]
public sealed class CrashTests(DevServices services, ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int Referrals = 40;
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_the_host_at_random_points_loses_no_acknowledged_command_and_sends_no_second_mail()
    {
        var clock = Stopwatch.StartNew();
        await using var runtime = TestRuntime.Create(services);
        var settings = TestRuntime.Settings(services, runtime.Prefix);
        // The child hosts run the real engine on one task hub: a killed host's partition lease lapses in 5 s
        // and the next host takes it over; its sweep (every second) restarts what a kill left unstarted.
        settings["DurableTask:SweepInterval"] = "00:00:01";
        // A message the killed host had dequeued reappears after its visibility timeout (5 min by default).
        settings["DurableTask:StorageProvider:ControlQueueVisibilityTimeout"] = "00:00:10";
        settings["DurableTask:StorageProvider:WorkItemQueueVisibilityTimeout"] = "00:00:10";
        settings["Mail:SendLease"] = "00:00:05";

        var run = Guid.NewGuid().ToString("N")[..8];
        var plan = Enumerable.Range(0, Referrals)
            .SelectMany(i => new[] { $"submit crash-{run}-{i} submit-{i}", $"approve crash-{run}-{i} approve-{i}" })
            .ToList();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var acknowledged = new List<string>();
        int next = 0, kills = 0, rounds = 0, midCommand = 0, whileDraining = 0;

        while (next < plan.Count || kills < Kills)
        {
            rounds++;
            await using var host = await ChildHost.StartAsync(settings, Answer);
            using var killer = new CancellationTokenSource();
            var killing = kills < Kills;
            if (killing)
            {
                var after = TimeSpan.FromMilliseconds(random.Next(0, 400));
                _ = Task.Delay(after, killer.Token).ContinueWith(_ => host.Kill(), TaskContinuationOptions.OnlyOnRanToCompletion);
            }
            // Every other killed host runs no commands: it dies while its courier re-drives the outbox
            // that the host before it left behind (mail sent but not marked, rows never delivered).
            var drainOnly = killing && rounds % 2 == 0;
            while (next < plan.Count && !drainOnly)
            {
                var ack = await RunOrDieAsync(host, plan[next]);
                if (ack is null)
                {
                    midCommand++;
                    break;
                }
                Assert.StartsWith("ACK ", ack);
                Assert.EndsWith(" Accepted", ack);
                acknowledged.Add(plan[next]);
                next++;
            }
            if (killing)
            {
                while (!host.HasExited) await Task.Delay(20);
                kills++;
                if (drainOnly) whileDraining++;
                continue;
            }

            // The last round lives: it drains what every earlier host left behind.
            await killer.CancelAsync();
            var sweep = runtime.Outbox;
            var drained = Stopwatch.StartNew();
            while ((await sweep.PendingReferralsAsync()).Count > 0)
            {
                Assert.True(drained.Elapsed < TimeSpan.FromSeconds(60), "The outbox did not drain in 60 s.");
                await Task.Delay(200);
            }
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }

        // No acknowledged command lost: each referral holds its submit and its approval exactly once.
        for (var i = 0; i < Referrals; i++)
        {
            var events = (await runtime.Reader.TimelineAsync($"crash-{run}-{i}")).Select(e => e.Event).ToList();
            Assert.Single(events.OfType<ReferralSubmitted>());
            Assert.Single(events.OfType<ReferralApproved>());
            Assert.Equal(2, events.Count);
        }

        // No second mail: one Message-ID per outbox row; copies of one ID (resent after a kill between
        // send and mark) are the same mail.
        var expected = Referrals * 2;
        var inbox = await services.Maildev.WaitAsync(all => all.Where(m => m.IsToMailboxOf(runtime.Prefix)).Select(m => m.MessageId).Distinct().Count() >= expected);
        var mails = inbox.Where(m => m.IsToMailboxOf(runtime.Prefix)).ToList();
        var byId = mails.GroupBy(m => m.MessageId).ToList();
        Assert.Equal(expected, byId.Count);
        Assert.All(byId, g => Assert.Single(g.Select(m => (m.Subject, m.Text, To: m.To![0].Address)).Distinct()));
        // One opaque Message-ID per outbox row (an HMAC: it names neither the referral nor the row).
        Assert.All(byId, g => Assert.Matches("^<[0-9a-f]{40}@referrals\\.test>$", g.Key!));
        Assert.Empty(await runtime.Parked.ListAsync());

        output.WriteLine($"seed {seed}: {rounds} hosts, {kills} killed ({midCommand} with a command in flight, {whileDraining} while draining the outbox), {acknowledged.Count} commands acknowledged, " +
            $"{byId.Count} mails, {mails.Count - byId.Count} resent with the same Message-ID, {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3));
    }

    private static async Task<string?> RunOrDieAsync(ChildHost host, string line)
    {
        try
        {
            return await host.RunAsync(line, Answer);
        }
        catch (Exception) when (host.HasExited)
        {
            return null;
        }
    }
}
