using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Referrals.Functions.Commands;
using Referrals.Domain;
using Referrals.Domain.Calendar;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Clock;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Mail;
using Referrals.Functions.Reports;
using Referrals.Functions.Storage;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Benchmarks.Engine;

/// <summary>What the referral clock costs on the Azure Storage backend (Azurite), side by side with a
/// classic orchestration, in one run: storage requests of the engine (task hub queues, tables, blobs)
/// per referral-year for (a) this clock and (b) an orchestration that awaits each human step
/// (WaitForExternalEvent) and each deadline (CreateTimer) with one activity per step, replaying the
/// same steps at the same compressed times; the idle upkeep of one host; and the latency from a
/// command's commit to its mail being handed to SMTP.
/// <para>Run: <c>scripts/bench --clock-cost [--year-seconds 120]</c>.</para></summary>
public static class ClockCost
{
    private static readonly DateTimeOffset Start = Scenario.Start;

    public static async Task<int> RunAsync(string[] args)
    {
        var yearSeconds = Argument(args, "--year-seconds", 120);
        var idleSeconds = Argument(args, "--idle-seconds", 30);
        var storage = Environment.GetEnvironmentVariable("REFERRALS_TEST_STORAGE")
            ?? throw new InvalidOperationException("REFERRALS_TEST_STORAGE is not set: run through scripts/bench, which starts Azurite.");
        var smtp = Environment.GetEnvironmentVariable("REFERRALS_TEST_SMTP_PORT") ?? "1025";
        var factor = 365.0 * 86400 / yearSeconds;
        Console.WriteLine($"A referral-year in {yearSeconds} s (business time x{factor:0}); Azure Storage backend on Azurite, 1 partition, polling at most every 1 s.");

        var idle1 = await IdleAsync(storage, partitions: 1, TimeSpan.FromSeconds(idleSeconds));
        var idle4 = await IdleAsync(storage, partitions: 4, TimeSpan.FromSeconds(idleSeconds));
        Console.WriteLine($"Idle upkeep of one host: {idle1:0} requests/min (1 partition), {idle4:0} requests/min (4 partitions).");

        var clock = await ClockYearAsync(storage, smtp, factor);
        var classic = await ClassicYearAsync(storage, factor, clock.Steps, withDeadlines: false);
        var racing = await ClassicYearAsync(storage, factor, clock.Steps, withDeadlines: true);
        double Net(Run run) => run.EngineRequests - idle1 * run.Duration.TotalMinutes;

        Console.WriteLine();
        Console.WriteLine("| per referral-year | (a) this clock | (b) classic, awaiting each step and each deadline in turn | (b') classic, each human step raced with the deadlines the process had armed |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine($"| human steps / timers fired / timers armed | {clock.Steps.Count(s => !s.IsTimer)} / {clock.Steps.Count(s => s.IsTimer)} / {Armed.Count} | same steps, same times / {clock.Steps.Count(s => s.IsTimer)} | same / {Armed.Count} |");
        Console.WriteLine($"| engine requests, raw | {clock.EngineRequests} | {classic.EngineRequests} | {racing.EngineRequests} |");
        Console.WriteLine($"| engine requests, less idle upkeep | {Net(clock):0} | {Net(classic):0} | {Net(racing):0} |");
        Console.WriteLine($"| run time (wall) | {clock.Duration.TotalSeconds:0.0} s | {classic.Duration.TotalSeconds:0.0} s | {racing.Duration.TotalSeconds:0.0} s |");
        Console.WriteLine($"| clock turns / classic steps awaited | {clock.Turns} | {classic.Turns} | {racing.Turns} |");
        Console.WriteLine($"| activity executions | {Activities.Deliveries} ({Activities.Fires} FireDueTimers) | {clock.Steps.Count} | {clock.Steps.Count} |");
        Console.WriteLine($"| episodes / durable timers set, from the engine's history | {clock.History.Episodes} / {clock.History.TimersSet} | {classic.History.Episodes} / {classic.History.TimersSet} | {racing.History.Episodes} / {racing.History.TimersSet} |");
        if (clock.Latencies.Count > 0)
        {
            var sorted = clock.Latencies.Order().ToList();
            Console.WriteLine($"| commit -> mail sent, p50 / p99 (n={sorted.Count}) | {Percentile(sorted, 0.5):0} / {Percentile(sorted, 0.99):0} ms | |");
        }
        Console.WriteLine();
        Console.WriteLine("Engine requests by kind, (a): " + string.Join(", ", clock.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        Console.WriteLine("Engine requests by kind, (b): " + string.Join(", ", classic.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        Console.WriteLine("Engine requests by kind, (b'): " + string.Join(", ", racing.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        return 0;
    }

    private sealed record Step(bool IsTimer, TimeSpan After);

    /// <summary>The engine's requests by kind ("engine {service} {method} {what}") so far.</summary>
    private static Dictionary<string, int> EngineKinds(StorageRequestCounter counter) =>
        counter.Totals.Where(t => t.Key.StartsWith("engine ", StringComparison.Ordinal)).ToDictionary(t => t.Key, t => t.Value);

    /// <summary>The engine's requests by kind since <paramref name="before"/>, without the "engine " prefix.</summary>
    private static Dictionary<string, int> EngineKindsSince(StorageRequestCounter counter, Dictionary<string, int> before) =>
        EngineKinds(counter).ToDictionary(t => t.Key[7..], t => t.Value - before.GetValueOrDefault(t.Key));

    /// <summary>Every durable timer (a) armed: when it would fire and when it was armed, after the start (business time).</summary>
    private static List<(TimeSpan Fire, TimeSpan ArmedAt)> Armed = [];

    /// <summary>(a)'s activity executions: FireDueTimers and courier deliveries (DeliverOutbox, and inside each FireDueTimers).</summary>
    private static (int Fires, int Deliveries) Activities;

    private sealed record Run(long EngineRequests, TimeSpan Duration, int Turns, IReadOnlyList<Step> Steps, IReadOnlyList<double> Latencies,
        IReadOnlyDictionary<string, int> ByKind, History History);

    /// <summary>What the engine's history of the instance shows: episodes (OrchestratorStarted) and durable timers set (TimerCreated).</summary>
    private sealed record History(int Episodes, int TimersSet);

    private static async Task<History> HistoryAsync(AzureStorageOrchestrationService service, string id)
    {
        var (episodes, timers) = (0, 0);
        foreach (var state in await service.GetOrchestrationStateAsync(id, allExecutions: true))
        {
            using var json = System.Text.Json.JsonDocument.Parse(await service.GetOrchestrationHistoryAsync(id, state.OrchestrationInstance.ExecutionId));
            foreach (var e in json.RootElement.EnumerateArray())
                switch ((DurableTask.Core.History.EventType)e.GetProperty("EventType").GetInt32())
                {
                    case DurableTask.Core.History.EventType.OrchestratorStarted: episodes++; break;
                    case DurableTask.Core.History.EventType.TimerCreated: timers++; break;
                }
        }
        return new History(episodes, timers);
    }

    private static async Task Until(Func<Task<bool>> condition, TimeSpan within, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within) throw new TimeoutException(failure);
            await Task.Delay(250);
        }
    }

    private static async Task<double> IdleAsync(string storage, int partitions, TimeSpan span)
    {
        var counter = new StorageRequestCounter(Options.Create(new StorageOptions()));
        var settings = DurableTaskEngine.Settings(EngineOptions(partitions), new StorageOptions { ConnectionString = storage }, counter, NullLoggerFactory.Instance);
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        await worker.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5)); // leases taken
        var before = counter.EngineTotal;
        await Task.Delay(span);
        var per = (counter.EngineTotal - before) / span.TotalMinutes;
        await worker.StopAsync(isForced: true);
        return per;
    }

    private static DurableTaskOptions EngineOptions(int partitions) => new()
    {
        HubName = "bench" + Guid.NewGuid().ToString("N")[..10],
        StorageProvider = new DurableTaskStorageProviderOptions { PartitionCount = partitions, MaxQueuePollingInterval = TimeSpan.FromSeconds(1) },
    };

    /// <summary>(a): the product on the engine, the year's commands at their business dates.</summary>
    private static async Task<Run> ClockYearAsync(string storage, string smtp, double factor)
    {
        var time = new CompressedTime(Start, factor);
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var engine = EngineOptions(1);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Storage:NamePrefix"] = prefix,
            ["Mail:Port"] = smtp,
            ["Signing:LinkSecret"] = "bench-only-signing-link-secret-0123456789abcdef",
            // The client records' key-encryption key (base64 of 32 bytes; a test value, never a real key).
            ["ClientRecords:DevelopmentKey"] = "dGVzdC1vbmx5LWNsaWVudC1yZWNvcmRzLWtlay0wMDE=",
            ["Mail:Recipients:CaseOwner:Any"] = "caseowner@bench.localhost",
            ["Mail:Recipients:ReviewBody:Any"] = "reviewbody@bench.localhost",
            ["Mail:Recipients:Signer:Any"] = "signer@bench.localhost",
            ["Mail:Recipients:DeputySigner:Any"] = "deputy@bench.localhost",
            ["DurableTask:HubName"] = engine.HubName,
            ["DurableTask:StorageProvider:PartitionCount"] = "1",
            ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:01",
        }).Build();
        var sent = new ConcurrentQueue<(string MessageId, long At)>();
        var fired = new ConcurrentQueue<DateTimeOffset>();
        var collection = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<TimeProvider>(time);
        var armed = new ConcurrentDictionary<DateTime, DateTime>(); // fire time -> when it was first armed (business)
        collection.AddSingleton<ReferralClockContextFactory>(context => new ArmingLog(time.Contexts(context), armed));
        collection.AddSingleton<IMailTransport>(sp => new RecordingTransport(
            ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp), sent));
        var deliveries = 0;
        collection.AddSingleton<IOutboxCourier>(sp => new CountingCourier(sp.GetRequiredService<Referrals.Functions.Commands.OutboxCourier>(), () => Interlocked.Increment(ref deliveries)));
        collection.AddSingleton<IReferralClock>(sp => new RecordingClock(
            new SnapshotReferralClock(sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<IReferralCommands>()), fired));
        collection.AddReferralsApplication(configuration).AddStandaloneEngine(configuration);
        collection.RemoveAll<IHostedService>(); // no sweep: it is per host, not per referral
        await using var provider = collection.BuildServiceProvider();
        var counter = provider.GetRequiredService<StorageRequestCounter>();
        var host = provider.GetRequiredService<DurableTaskEngine>();
        await host.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(5)); // leases taken, as in the idle measurement

        var commands = provider.GetRequiredService<IReferralCommands>();
        var instances = provider.GetRequiredService<IOrchestrationInstances>();
        // Warm-up, not counted: one referral submitted and withdrawn, its clock run to completion, so the
        // measured year meets a warm host (a cold first turn would bunch the year's first weeks into one turn).
        var warm = "warm-" + Guid.NewGuid().ToString("N")[..12];
        foreach (var (command, n) in new ReferralCommand[] { Scenario.Submit(), new WithdrawReferral("Lämmittely.") { By = Scenario.Worker } }.Select((c, n) => (c, n)))
            if (await commands.ExecuteAsync(warm, command, $"warm-{n}", null) is not CommandResult.Accepted) throw new InvalidOperationException("warm-up: " + command.GetType().Name);
        await Until(async () => (await instances.GetAsync(warm))?.State is InstanceState.Completed, TimeSpan.FromSeconds(60), "the warm-up clock did not complete");
        time.Restart();
        var id = "bench-" + Guid.NewGuid().ToString("N")[..12];
        var committed = new List<(int Version, long At)>();
        var before = counter.EngineTotal;
        var kindsBefore = EngineKinds(counter);
        var clock = Stopwatch.StartNew();
        foreach (var (day, commandOn) in Year())
        {
            var wait = time.WallUntil(FinnishCalendar.At(day, 10));
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            // The date the person records is the business date it is when they act (a slow call may land a day later).
            var command = commandOn(FinnishCalendar.DateIn(time.GetUtcNow()));
            var result = await commands.ExecuteAsync(id, command, $"{command.GetType().Name}-{day:yyyyMMdd}", null);
            // A command that lost its race with the clock's own (a reminder committed the same moment) is sent
            // again, as the person would; a lost race is the command path's answer, not a failure.
            for (var retry = 0; retry < 3 && result is CommandResult.Conflict { PreconditionFailed: false }; retry++)
                result = await commands.ExecuteAsync(id, command, $"{command.GetType().Name}-{day:yyyyMMdd}", null);
            if (result is not CommandResult.Accepted accepted) throw new InvalidOperationException($"{day}: {command.GetType().Name} -> {result}");
            committed.Add((accepted.State.Version, Stopwatch.GetTimestamp()));
        }
        while ((await instances.GetAsync(id))?.State is not InstanceState.Completed)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(factor > 0 ? 365.0 * 86400 / factor + 60 : 600))
                throw new TimeoutException("The clock did not complete.");
            await Task.Delay(1000);
        }
        var duration = clock.Elapsed;
        var requests = counter.EngineTotal - before;
        var byKind = EngineKindsSince(counter, kindsBefore);
        var turns = (await instances.GetAsync(id))!.Status?.Turn + 1 ?? 0;
        var history = await HistoryAsync(host.Service, id);
        if (Environment.GetEnvironmentVariable("REFERRALS_BENCH_TRACE") == "1")
            await TraceAsync(host.Service, id, time);
        await host.StopAsync(CancellationToken.None);

        // A mail's Message-ID is an HMAC of its outbox row (it names neither referral nor row): the rows a
        // version wrote are out-{version}-{n}, so their IDs are computed the way the composer does.
        var idKey = System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(configuration["Signing:LinkSecret"]!), "message-id"u8);
        var domain = provider.GetRequiredService<IOptions<MailOptions>>().Value.IdDomain;
        var latencies = new List<double>();
        foreach (var (version, at) in committed)
        {
            var ids = Enumerable.Range(0, 10).Select(n => MailComposer.MessageId(idKey, id, ReferralRows.OutboxKey(version, n), domain)).ToHashSet();
            if (sent.Where(s => ids.Contains(s.MessageId)).Select(s => (long?)s.At).Min() is { } first)
                latencies.Add(Stopwatch.GetElapsedTime(at, first).TotalMilliseconds);
        }
        var steps = Year().Select(a => new Step(false, FinnishCalendar.At(a.Day, 10) - Start))
            .Concat(fired.Distinct().Select(f => new Step(true, f - Start)))
            .OrderBy(s => s.After).ToList();
        Activities = (RecordingClock.Calls, deliveries);
        Armed = armed.Select(a => (Fire: new DateTimeOffset(a.Key, TimeSpan.Zero) - Start, ArmedAt: new DateTimeOffset(a.Value, TimeSpan.Zero) - Start)).ToList();
        return new Run(requests, duration, turns, steps, latencies, byKind, history);
    }

    /// <summary>(b): a classic orchestration replaying the same steps: each human step is awaited as an
    /// external event raised by the driver at its time, each deadline as a durable timer (never firing early,
    /// as the clock guarantees); one activity per step.</summary>
    private static async Task<Run> ClassicYearAsync(string storage, double factor, IReadOnlyList<Step> steps, bool withDeadlines)
    {
        var counter = new StorageRequestCounter(Options.Create(new StorageOptions()));
        var settings = DurableTaskEngine.Settings(EngineOptions(1), new StorageOptions { ConnectionString = storage }, counter, NullLoggerFactory.Instance);
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance);
        var episodes = 0;
        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(new Creator<TaskOrchestration>("Classic", () => shims.CreateOrchestration("Classic", new Classic(() => Interlocked.Increment(ref episodes)))));
        var work = shims.CreateActivity<int, int>("Work", (_, n) => Task.FromResult(n));
        worker.AddTaskActivities(new Creator<TaskActivity>("Work", () => work));
        await worker.StartAsync();
        var client = new TaskHubClient(service, new CoreJsonDataConverter(), NullLoggerFactory.Instance);
        await Task.Delay(TimeSpan.FromSeconds(5));
        // Warm-up, not counted, as for (a): one instance of one timer and one activity.
        var warm = await client.CreateOrchestrationInstanceAsync("Classic", string.Empty, "warm-" + Guid.NewGuid().ToString("N")[..8],
            new List<ClassicStep> { new(true, DateTime.UtcNow.AddSeconds(1), []) });
        await client.WaitForOrchestrationAsync(warm, TimeSpan.FromMinutes(1));
        episodes = 0;

        var wallStart = DateTimeOffset.UtcNow.AddSeconds(1);
        DateTime Wall(TimeSpan after) => (wallStart + after / factor).UtcDateTime;
        var humans = steps.Where(s => !s.IsTimer).ToList();
        var plan = withDeadlines
            // Each human step awaited against the deadlines (a) armed while waiting for it: those due before it fire, the next is cancelled.
            ? humans.Select((h, i) => new ClassicStep(false, Wall(h.After), Armed
                .Where(a => a.ArmedAt >= (i == 0 ? TimeSpan.MinValue : humans[i - 1].After) && a.ArmedAt < h.After)
                .Select(a => Wall(a.Fire)).Distinct().Order().ToList())).ToList()
            : steps.Select(s => new ClassicStep(s.IsTimer, Wall(s.After), [])).ToList();
        var before = counter.EngineTotal;
        var kindsBefore = EngineKinds(counter);
        var clock = Stopwatch.StartNew();
        var instance = await client.CreateOrchestrationInstanceAsync("Classic", string.Empty, "classic-" + Guid.NewGuid().ToString("N")[..8], plan);
        foreach (var step in plan.Where(p => !p.IsTimer))
        {
            var wait = step.At - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            await client.RaiseEventAsync(instance, "Step", null!);
        }
        await client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(10));
        var duration = clock.Elapsed;
        var requests = counter.EngineTotal - before;
        // By kind over the same window as the total (the task hub's creation and lease-taking before it left out, as for (a)).
        var byKind = EngineKindsSince(counter, kindsBefore);
        var history = await HistoryAsync(service, instance.InstanceId);
        await worker.StopAsync(isForced: true);
        return new Run(requests, duration, episodes, steps, [], byKind, history);
    }

    /// <param name="Deadlines">(b') The deadlines raced with this human step, in order.</param>
    public sealed record ClassicStep(bool IsTimer, DateTime At, List<DateTime> Deadlines);

    /// <summary>The classic shape: the process in the orchestration's code, awaiting each step in turn.</summary>
    private sealed class Classic(Action episode) : TaskOrchestrator<List<ClassicStep>, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, List<ClassicStep> plan)
        {
            if (!context.IsReplaying) episode();
            for (var i = 0; i < plan.Count; i++)
            {
                if (plan[i].IsTimer) await NotBefore(context, plan[i].At, CancellationToken.None);
                else await StepAsync(context, plan[i]);
                if (!context.IsReplaying) episode();
                await context.CallActivityAsync<int>("Work", i);
            }
            return plan.Count;
        }

        /// <summary>The same guarantee, and the same code, as the referral clock's: never before its due time.</summary>
        private static Task NotBefore(TaskOrchestrationContext context, DateTime at, CancellationToken cancellationToken) =>
            new DurableReferralClockContext(context).CreateTimer(at, cancellationToken);

        private async Task StepAsync(TaskOrchestrationContext context, ClassicStep step)
        {
            var human = context.WaitForExternalEvent<object?>("Step");
            foreach (var deadline in step.Deadlines)
            {
                using var cancel = new CancellationTokenSource();
                var timer = NotBefore(context, deadline, cancel.Token);
                if (await Task.WhenAny(human, timer) == human)
                {
                    cancel.Cancel();
                    return;
                }
                if (!context.IsReplaying) episode();
                await context.CallActivityAsync<int>("Work", -1); // the reminder
            }
            await human;
        }
    }

    /// <summary>Logs every durable timer the clock arms (fire time, and when first armed), replays included once.</summary>
    private sealed class ArmingLog(IReferralClockContext inner, ConcurrentDictionary<DateTime, DateTime> armed) : IReferralClockContext
    {
        public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

        public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
        {
            armed.TryAdd(fireAt, inner.CurrentUtcDateTime);
            return inner.CreateTimer(fireAt, cancellationToken);
        }

        public Task WaitForExternalEvent(string eventName, CancellationToken cancellationToken) => inner.WaitForExternalEvent(eventName, cancellationToken);

        public Task<TResult> CallActivity<TResult>(string name, object input, ActivityRetry retry) => inner.CallActivity<TResult>(name, input, retry);

        public void ContinueAsNew(ReferralClockInput input) => inner.ContinueAsNew(input);

        public void SetCustomStatus(ReferralClockStatus status) => inner.SetCustomStatus(status);
    }

    /// <summary>The year of the runtime's year test: what the people do, by Helsinki date.</summary>
    private static IEnumerable<(DateOnly Day, Func<DateOnly, ReferralCommand> Command)> Year()
    {
        var esy = EsyScores.Of(DefaultProcessConfiguration.Load().AllInstruments[0].Areas.Select(a => KeyValuePair.Create(a.Code, 4)));
        yield return (new(2026, 2, 2), _ => Scenario.Submit());
        yield return (new(2026, 2, 18), _ => Scenario.Approve());
        yield return (new(2026, 2, 19), _ => Scenario.Draft(new(2026, 3, 2), new(2026, 12, 31)));
        yield return (new(2026, 2, 24), _ => Scenario.Sign());
        yield return (new(2026, 2, 25), today => Scenario.NotifyByLetter(today));
        yield return (new(2026, 3, 2), today => Scenario.StartService(today));
        yield return (new(2026, 4, 8), today => new RecordClientPlan(today) { By = Scenario.Worker });
        yield return (new(2026, 6, 8), today => new RecordInterimEvaluation(today, "Edistynyt.") { By = Scenario.Worker });
        yield return (new(2026, 9, 10), today => new RecordEsyMeasurement(today, esy) { By = Scenario.Worker });
        yield return (new(2026, 11, 2), today => Scenario.Report(today));
        yield return (new(2027, 1, 4), _ => new CloseService(new(2026, 12, 31), "Yhteenveto.", true) { By = Scenario.Worker });
    }

    /// <summary>The instance's history, one line per event (wall offset, business time, kind, timer fire time), for a reader who wants to see where the requests went.</summary>
    private static async Task TraceAsync(AzureStorageOrchestrationService service, string id, CompressedTime time)
    {
        var states = await service.GetOrchestrationStateAsync(id, allExecutions: true);
        foreach (var state in states)
        {
            var history = await service.GetOrchestrationHistoryAsync(id, state.OrchestrationInstance.ExecutionId);
            using var json = System.Text.Json.JsonDocument.Parse(history);
            foreach (var e in json.RootElement.EnumerateArray())
            {
                string Get(string name) => e.TryGetProperty(name, out var v) ? v.ToString() : "";
                var at = DateTimeOffset.Parse(Get("Timestamp"), CultureInfo.InvariantCulture);
                var fire = Get("FireAt") is { Length: > 0 } f ? " fire " + time.ToBusiness(DateTimeOffset.Parse(f, CultureInfo.InvariantCulture)).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) + $" (wall {DateTimeOffset.Parse(f, CultureInfo.InvariantCulture):HH:mm:ss.fff})" : "";
                Console.WriteLine($"  {at:HH:mm:ss.fff} biz {time.ToBusiness(at):MM-dd HH:mm} {Get("EventType"),-22} {Get("Name")} id={Get("EventId")} timer={Get("TimerId")}{fire}");
            }
        }
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed class RecordingTransport(IMailTransport inner, ConcurrentQueue<(string, long)> sent) : IMailTransport
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
        {
            await inner.SendAsync(message, cancellationToken);
            sent.Enqueue((message.MessageId ?? "", Stopwatch.GetTimestamp()));
        }
    }

    private sealed class CountingCourier(IOutboxCourier inner, Action counted) : IOutboxCourier
    {
        public Task<OutboxDelivery> DeliverAsync(string referralId, CancellationToken cancellationToken = default)
        {
            counted();
            return inner.DeliverAsync(referralId, cancellationToken);
        }
    }

    private sealed class RecordingClock(IReferralClock inner, ConcurrentQueue<DateTimeOffset> fired) : IReferralClock
    {
        public static int Calls;

        public Task<ClockState> ReadAsync(string referralId, CancellationToken cancellationToken = default) => inner.ReadAsync(referralId, cancellationToken);

        public async Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            var due = (await inner.ReadAsync(referralId, cancellationToken)).NextDue;
            var count = await inner.FireDueTimersAsync(referralId, now, cancellationToken);
            if (count > 0 && due is { } first) for (var i = 0; i < count; i++) fired.Enqueue(first.AddTicks(i));
            return count;
        }
    }
}
