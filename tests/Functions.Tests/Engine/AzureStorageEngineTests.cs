using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Clock;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Referrals.Functions.Tests.Engine;

/// <summary>The referral clock on the engine Durable Functions runs on — DurableTask.Core with the Azure
/// Storage provider, on Azurite — as the standalone host runs it. What differs from the in-memory
/// engine is tested here: timers that fire early (queue visibility is whole seconds), cancelled timers
/// whose messages still arrive, two hosts on one task hub, a restart, and a lost wake-up.
/// Business time is compressed (<see cref="CompressedTime"/>), so a fortnight passes in seconds.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class AzureStorageEngineTests(DevServices services, ITestOutputHelper output)
{
    /// <summary>A fortnight of business time in about six seconds.</summary>
    private const double Fast = 14 * 86400 / 6.0;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_due_reminder_fires_once_never_before_its_time_and_its_mail_goes_once()
    {
        var time = new CompressedTime(Scenario.Start, Fast);
        var fired = new FiringLog();
        await using var runtime = await Engine(time, fired);
        var id = DevServices.NewReferralId();

        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        var due = (await runtime.ReferralClock.ReadAsync(id)).NextDue!.Value;
        output.WriteLine($"review overdue at {due:O}, {time.WallUntil(due).TotalSeconds:0.0} s from now");

        // The submission's mail goes at once: the clock started with the command.
        await services.Maildev.WaitAsync(all => all.Any(m => m.IsTo(runtime.Mailbox("ReviewBody"))), TimeSpan.FromSeconds(15));

        var reminder = await Eventually(async () => (await runtime.Reader.TimelineAsync(id)).Select(e => e.Event).OfType<ReminderRaised>().ToList(),
            r => r.Count > 0);
        var raised = Assert.Single(reminder);
        Assert.Equal(TimerKind.ReviewOverdue, raised.Kind);
        Assert.True(raised.At >= raised.DueAt, $"raised at {raised.At:O}, due {raised.DueAt:O}");
        Assert.All(fired.Calls, c => Assert.True(c.Now >= due || c.Fired == 0, $"fired {c.Fired} at {c.Now:O} before {due:O}"));

        var mails = await services.Maildev.WaitAsync(all => Reminders(all, runtime).Count >= 1, Patience);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second copy would arrive by now
        Assert.Single(Reminders(await services.Maildev.WaitAsync(_ => true), runtime));

        var instance = await Status(runtime, id, s => s?.Status?.SeenVersion == 2);
        Assert.Equal(InstanceState.Running, instance!.State);
        Assert.Equal(ReferralClockPhase.Waiting, instance.Status!.Phase); // nothing due: no timer, no beat
        output.WriteLine($"{fired.Calls.Count} firings; engine requests {runtime.Counter.EngineTotal}; {mails.Count} mails in the inbox");
    }

    [Fact]
    public async Task A_change_before_the_due_time_cancels_the_timer_and_its_late_message_changes_nothing()
    {
        var time = new CompressedTime(Scenario.Start, Fast);
        await using var runtime = await Engine(time);
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        var due = (await runtime.ReferralClock.ReadAsync(id)).NextDue!.Value;
        await Status(runtime, id, s => s?.Status?.WakeAt is not null);

        // Approved before the review is overdue: the clock wakes on the change and re-arms for the next timer.
        Assert.IsType<CommandResult.Accepted>(await runtime.Commands.ExecuteAsync(id, Scenario.Approve(), null, null));
        await Status(runtime, id, s => s?.Status?.SeenVersion == 2);

        // Past the old due time, the cancelled timer's message has come and gone: no review reminder.
        // (The approval set the next timer, DraftingOverdue, which comes due in its turn.)
        await Task.Delay(time.WallUntil(due) + TimeSpan.FromSeconds(3));
        var events = (await runtime.Reader.TimelineAsync(id)).Select(e => e.Event).ToList();
        Assert.DoesNotContain(events, e => e is ReminderRaised { Kind: TimerKind.ReviewOverdue });
        Assert.All(events.OfType<ReminderRaised>(), r => Assert.True(r.At >= r.DueAt));
    }

    [Fact]
    public async Task Two_hosts_on_one_task_hub_share_the_clocks_each_timer_fires_once_each_mail_goes_once()
    {
        var time = new CompressedTime(Scenario.Start, Fast);
        var settings = new Dictionary<string, string?> { ["DurableTask:StorageProvider:PartitionCount"] = "2" };
        await using var first = await Engine(time, settings: settings);
        settings["Storage:NamePrefix"] = first.Prefix;
        settings["DurableTask:HubName"] = first.Engine.Options.HubName;
        await using var second = await Engine(time, settings: settings, mailboxesOf: first.Prefix);

        var ids = Enumerable.Range(0, 6).Select(_ => DevServices.NewReferralId()).ToList();
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
            await (n % 2 == 0 ? first : second).Commands.ExecuteAsync(id, Scenario.Submit(), null, null);

        foreach (var id in ids)
        {
            var reminders = await Eventually(async () => (await first.Reader.TimelineAsync(id)).Select(e => e.Event).OfType<ReminderRaised>().ToList(),
                r => r.Count > 0);
            Assert.Single(reminders);
        }
        var inbox = await services.Maildev.WaitAsync(all => Reminders(all, first).Count >= ids.Count, Patience);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var mails = Mine(await services.Maildev.WaitAsync(_ => true), first);
        Assert.Equal(ids.Count * 2, mails.Count); // queued + reminder for each, no copy
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
        output.WriteLine($"engine requests: first host {first.Counter.EngineTotal}, second {second.Counter.EngineTotal}; {inbox.Count} in the inbox");
    }

    [Fact]
    public async Task A_clock_survives_a_restart_of_its_host_and_a_lost_wake_up_is_repaired_by_the_sweep()
    {
        var time = new CompressedTime(Scenario.Start, Fast / 4); // the review is overdue in about 24 s
        var id = DevServices.NewReferralId();
        string prefix, hub;
        await using (var before = await Engine(time))
        {
            prefix = before.Prefix;
            hub = before.Engine.Options.HubName;
            await before.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
            await Status(before, id, s => s?.Status?.SeenVersion == 1 && s.Status.WakeAt is not null);
        }

        var settings = new Dictionary<string, string?> { ["Storage:NamePrefix"] = prefix, ["DurableTask:HubName"] = hub };
        // The new host's commands raise nothing: a crash between the commit and the raise, every time.
        await using var after = await Engine(time, settings: settings, mailboxesOf: prefix,
            configure: s => s.AddSingleton<IReferralChangeNotifier, LostWakeUps>());
        // A command that changes an open referral without moving it on: an attachment's record.
        var attachment = new RecordAttachment("att-" + Guid.NewGuid().ToString("N")[..8], "application/pdf", 1234, new string('a', 64)) { By = Scenario.Worker };
        Assert.IsType<CommandResult.Accepted>(await after.Commands.ExecuteAsync(id, attachment, null, null));
        var stale = await after.Instances.GetAsync(id);
        Assert.Equal(1, stale!.Status!.SeenVersion);

        // The sweep sees the outbox hold version 2 that the clock has not seen, and wakes it.
        var report = await after.Services.GetRequiredService<OrchestrationSweep>().RunAsync(DateTimeOffset.UtcNow + OrchestrationSweep.Grace * 2);
        Assert.Equal(1, report.Nudged);
        await Status(after, id, s => s?.Status?.SeenVersion == 2);

        // The timer set before the restart still fires, once, on the new host.
        var reminders = await Eventually(async () => (await after.Reader.TimelineAsync(id)).Select(e => e.Event).OfType<ReminderRaised>().ToList(),
            r => r.Count > 0, TimeSpan.FromSeconds(60));
        Assert.Single(reminders);
    }

    private Task<TestRuntime> Engine(
        CompressedTime time, FiringLog? fired = null, IDictionary<string, string?>? settings = null, string? mailboxesOf = null,
        Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (mailboxesOf is not null)
        {
            foreach (var role in new[] { "CaseOwner", "ReviewBody", "Signer", "DeputySigner" })
                values[$"Mail:Recipients:{role}:Any"] = $"{mailboxesOf}-{role.ToLowerInvariant()}@test.localhost";
        }
        return TestRuntime.CreateWithEngine(services, time, s =>
        {
            s.AddSingleton(time.Contexts);
            if (fired is not null)
                s.AddSingleton<IReferralClock>(sp => new RecordingClock(
                    new SnapshotReferralClock(sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<IReferralCommands>()), fired));
            configure?.Invoke(s);
        }, values);
    }

    private static async Task<InstanceSnapshot?> Status(TestRuntime runtime, string id, Func<InstanceSnapshot?, bool> until)
    {
        var instances = runtime.Instances;
        return await Eventually(() => instances.GetAsync(id), until);
    }

    private static Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? within = null) =>
        Poll.UntilAsync(read, until, within ?? Patience);

    private static List<MaildevEmail> Mine(IEnumerable<MaildevEmail> all, TestRuntime runtime) =>
        all.Where(m => m.IsToMailboxOf(runtime.Prefix)).ToList();

    private static List<MaildevEmail> Reminders(IEnumerable<MaildevEmail> all, TestRuntime runtime) =>
        Mine(all, runtime).Where(m => m.IsReminder).ToList();

    /// <summary>Every FireDueTimers call as the activity saw it.</summary>
    private sealed class FiringLog
    {
        public System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset Now, int Fired)> Calls { get; } = new();
    }

    private sealed class RecordingClock(IReferralClock inner, FiringLog log) : IReferralClock
    {
        public Task<ClockState> ReadAsync(string referralId, CancellationToken cancellationToken = default) => inner.ReadAsync(referralId, cancellationToken);

        public async Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            var fired = await inner.FireDueTimersAsync(referralId, now, cancellationToken);
            log.Calls.Enqueue((now, fired));
            return fired;
        }
    }

    private sealed class LostWakeUps : IReferralChangeNotifier
    {
        public Task ReferralChangedAsync(string referralId, int version, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
