using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using Referrals.Domain.Common;
using Referrals.Functions.Commands;

namespace Referrals.Benchmarks.Scale;

/// <summary>Does background delivery keep up with the request path? The standalone host runs with its
/// Durable Task engine (the referral clocks deliver each referral's outbox in their own activities) while
/// <c>--clients</c> closed-loop clients send commands over HTTP as fast as the request path answers them
/// (a submission, then its review's approval) for <c>--seconds</c>. A sampler lists the pending outbox rows
/// every <see cref="SampleEvery"/> and follows each row from its commit (its Timestamp) to the first sample
/// that no longer finds it: that is the row's age at delivery, at most one sample late. After the load the
/// run waits (at most <c>--drain</c> seconds) until nothing is pending.
///   scripts/bench --sustained [--seconds 120] [--clients 8] [--partitions 1] [--drain 120]</summary>
public static class SustainedRun
{
    // Each sample scans the Referrals table (on Azurite a scan of every row, growing with the run): every 0.5 s the
    // sampler was a load of its own on the store it measures. Once a second halves that; an age is then at most 1 s late.
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.Parse(ScaleRun.Arg(args, "--seconds", "120"), CultureInfo.InvariantCulture);
        var clients = int.Parse(ScaleRun.Arg(args, "--clients", "8"), CultureInfo.InvariantCulture);
        // The product's own default unless asked for another count.
        var partitions = int.Parse(ScaleRun.Arg(args, "--partitions",
            new Referrals.Functions.Clock.DurableTaskStorageProviderOptions().PartitionCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var drainLimit = TimeSpan.FromSeconds(int.Parse(ScaleRun.Arg(args, "--drain", "120"), CultureInfo.InvariantCulture));
        var storage = Environment.GetEnvironmentVariable("REFERRALS_TEST_STORAGE") ?? "UseDevelopmentStorage=true";
        var smtpPort = int.Parse(Environment.GetEnvironmentVariable("REFERRALS_TEST_SMTP_PORT") ?? "1025", CultureInfo.InvariantCulture);
        var prefix = "sust" + Guid.NewGuid().ToString("N")[..8];

        await using var host = await ScaleHost.StartAsync(storage, smtpPort, prefix, background: true, partitions);
        var worker = new AuthenticationHeaderValue("Bearer", host.Token("bench-worker", Role.ReferringWorker, Seeder.Unit));
        var member = new AuthenticationHeaderValue("Bearer", host.Token("bench-member", Role.ReviewBodyMember, Seeder.ReviewBody));
        await Task.Delay(TimeSpan.FromSeconds(5)); // the engine's leases taken

        var clock = Stopwatch.StartNew();
        var tracker = new OutboxTracker(host.Storage.Referrals, clock);
        using var stopSampling = new CancellationTokenSource();
        var sampler = tracker.RunAsync(SampleEvery, stopSampling.Token);

        var latencies = new ConcurrentBag<double>();
        var appBefore = AppRequests(host);
        var engineBefore = host.Counter.EngineTotal;
        var countsBefore = host.Counter.Totals.ToDictionary(t => t.Key, t => t.Value);
        var loadEnds = TimeSpan.FromSeconds(seconds);
        Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {clients} clients for {seconds} s ...");
        var unavailable = 0;
        // A 503 (storage did not answer within the request's budget) is the product's answer to an overloaded
        // store: counted, and the same command sent again with its key after a second, as a client would.
        async Task<T> Persist<T>(Func<Task<T?>> call) where T : class
        {
            while (true)
            {
                if (await call() is { } done) return done;
                Interlocked.Increment(ref unavailable);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        var load = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < loadEnds; i++)
            {
                var id = await Persist(() => TimedAsync(latencies, () => SubmitAsync(host.Http, worker, $"sust-{c}-{i}")));
                await Persist(() => TimedAsync(latencies, () => ApproveAsync(host.Http, member, id)));
            }
        })).ToList();
        await Task.WhenAll(load);
        var loadTook = clock.Elapsed;
        var commands = latencies.Count;
        var appRequests = AppRequests(host) - appBefore;
        Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] load done: {commands} commands; draining ...");

        while (clock.Elapsed - loadTook < drainLimit && (tracker.Pending > 0 || tracker.Samples < 2)) await Task.Delay(SampleEvery);
        var drained = tracker.Pending == 0 ? clock.Elapsed - loadTook : (TimeSpan?)null;
        await stopSampling.CancelAsync();
        await sampler;
        var engineRequests = host.Counter.EngineTotal - engineBefore;
        var byOperation = host.Counter.Totals.Select(t => (t.Key, t.Value - countsBefore.GetValueOrDefault(t.Key))).Where(t => t.Item2 > 0)
            .OrderByDescending(t => t.Item2).ToList();

        var report = Report(clients, partitions, loadTook, commands, unavailable, latencies.Order().ToArray(), tracker, drained, drainLimit,
            AppRequests(host) - appBefore, appRequests, engineRequests);
        var breakdown = new StringBuilder();
        breakdown.AppendLine();
        breakdown.AppendLine("Storage requests per command, by operation (until drained):");
        breakdown.AppendLine();
        breakdown.AppendLine("| operation | per command |");
        breakdown.AppendLine("| --- | ---: |");
        foreach (var (operation, n) in byOperation) breakdown.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {n / (double)Math.Max(1, commands):F2} |");
        report += breakdown.ToString();
        Console.WriteLine(report);
        var file = Path.Combine(Environment.CurrentDirectory, ".local", "bench", $"sustained-{DateTime.UtcNow:yyyyMMdd-HHmm}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, report);
        Console.Error.WriteLine($"written to {file}");
        await host.DeleteTablesAsync();
        return 0;
    }

    /// <summary>The application's own storage requests (the command path, read models, courier), not the engine's.</summary>
    private static long AppRequests(ScaleHost host) =>
        host.Counter.Totals.Where(t => !t.Key.StartsWith("engine ", StringComparison.Ordinal)).Sum(t => (long)t.Value);

    /// <summary>Times an answered command; null (not timed) when the host answered 503.</summary>
    private static async Task<T?> TimedAsync<T>(ConcurrentBag<double> latencies, Func<Task<T?>> call) where T : class
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        if (result is not null) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private static async Task<string?> SubmitAsync(HttpClient http, AuthenticationHeaderValue worker, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = ScaleRun.SubmitBody() };
        request.Headers.Authorization = worker;
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode == 503) return null;
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"submit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location?.OriginalString.Split('/')[^1] ?? throw new InvalidOperationException("submit: no Location");
    }

    private static async Task<string?> ApproveAsync(HttpClient http, AuthenticationHeaderValue member, string id)
    {
        using var request = ScaleRun.ApproveRequest(id, member);
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode == 503) return null;
        if ((int)response.StatusCode != 200)
            throw new InvalidOperationException($"review: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>Follows the outbox rows (RowKey <c>out-…</c> in every referral partition) from sample to sample.</summary>
    private sealed class OutboxTracker(TableClient referrals, Stopwatch clock)
    {
        private readonly Dictionary<(string, string), DateTimeOffset> pending = [];

        public List<double> AgesAtDelivery { get; } = [];

        /// <summary>(time since start, rows pending, age of the oldest pending row) per sample.</summary>
        public List<(TimeSpan At, int Pending, double OldestSeconds)> Series { get; } = [];

        public int Pending { get; private set; }

        public int Samples { get; private set; }

        public int SkippedSamples { get; private set; }

        public async Task RunAsync(TimeSpan every, CancellationToken cancellationToken)
        {
            var filter = TableClient.CreateQueryFilter($"RowKey ge {ReferralRows.OutboxPrefix} and RowKey lt {"out."}");
            while (!cancellationToken.IsCancellationRequested)
            {
                var seen = new Dictionary<(string, string), DateTimeOffset>();
                try
                {
                    await foreach (var row in referrals.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Timestamp"], cancellationToken: CancellationToken.None))
                        seen[(row.PartitionKey, row.RowKey)] = row.Timestamp ?? DateTimeOffset.UtcNow;
                }
                catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or OperationCanceledException)
                {
                    // The scan did not finish within the client's budget (Azurite under the load): no sample this time.
                    SkippedSamples++;
                    if (cancellationToken.IsCancellationRequested) break;
                    await Task.Delay(every, CancellationToken.None);
                    continue;
                }
                var now = DateTimeOffset.UtcNow;
                foreach (var (key, committed) in pending)
                    if (!seen.ContainsKey(key)) AgesAtDelivery.Add((now - committed).TotalSeconds);
                pending.Clear();
                foreach (var (key, committed) in seen) pending[key] = committed;
                Pending = pending.Count;
                Samples++;
                Series.Add((clock.Elapsed, pending.Count, pending.Count == 0 ? 0 : (now - pending.Values.Min()).TotalSeconds));
                try { await Task.Delay(every, cancellationToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private static string Report(int clients, int partitions, TimeSpan loadTook, int commands, int unavailable, double[] latencies, OutboxTracker tracker,
        TimeSpan? drained, TimeSpan drainLimit, long appRequestsAll, long appRequestsDuringLoad, long engineRequests)
    {
        var text = new StringBuilder();
        var ages = tracker.AgesAtDelivery.Order().ToArray();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Sustained load: {clients} clients, closed loop, {loadTook.TotalSeconds:F0} s, engine with {partitions} partitions (Azurite in memory)");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("| --- | ---: |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| commands (submit + approve) | {commands:N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| command rate the request path reached | {commands / loadTook.TotalSeconds:F1} /s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| answered 503 (storage over its budget) and sent again | {unavailable:N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| command latency over HTTP p50 / p99 | {P(latencies, 50):F1} / {P(latencies, 99):F1} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| outbox rows delivered (followed from commit to delivery) | {ages.Length:N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| outbox row age at delivery p50 / p90 / p99 / max (at most {SampleEvery.TotalSeconds:0.0} s late) | {P(ages, 50):F1} / {P(ages, 90):F1} / {P(ages, 99):F1} / {(ages.Length == 0 ? 0 : ages[^1]):F1} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| samples taken / skipped (the scan ran over its budget) | {tracker.Samples} / {tracker.SkippedSamples} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| largest backlog seen | {tracker.Series.Select(s => s.Pending).DefaultIfEmpty().Max():N0} rows |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| after the load, until nothing was pending | {(drained is { } d ? $"{d.TotalSeconds:F1} s" : $"not within {drainLimit.TotalSeconds:F0} s ({tracker.Pending} rows left)")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| application storage requests per command (request path + courier + read models, during the load) | {appRequestsDuringLoad / (double)Math.Max(1, commands):F1} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| application storage requests per command (until drained) | {appRequestsAll / (double)Math.Max(1, commands):F1} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| engine storage requests per command (until drained) | {engineRequests / (double)Math.Max(1, commands):F1} |");
        text.AppendLine();
        text.AppendLine("Backlog over time (every 10 s): time, rows pending, age of the oldest pending row");
        text.AppendLine();
        text.AppendLine("| t | pending | oldest |");
        text.AppendLine("| ---: | ---: | ---: |");
        foreach (var group in tracker.Series.GroupBy(s => (int)(s.At.TotalSeconds / 10)))
        {
            var worst = group.MaxBy(s => s.OldestSeconds);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key * 10} s | {group.Max(s => s.Pending):N0} | {worst.OldestSeconds:F1} s |");
        }
        return text.ToString();
    }

    private static double P(double[] sorted, int percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
