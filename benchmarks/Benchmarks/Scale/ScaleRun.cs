using Referrals.Domain.Referrals;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Benchmarks.Scale;

/// <summary>Does a request cost more when more referrals exist? For each N (default 1 000, 10 000,
/// 100 000 open referrals, seeded by <see cref="Seeder"/> into fresh tables) the API is called over HTTP
/// on loopback, one client, round-robin, and each product figure stands beside what Azurite itself needs
/// at the same N: a raw point read, the raw point read + 4-row transaction (the floor of a command), and
/// the raw range query a listing page sends. Storage requests per call are counted too.
///   scripts/bench --scale [--sizes 1000,10000,100000] [--samples 100] [--background]</summary>
public static class ScaleRun
{
    private sealed record Op(string Name, string? Baseline, Func<int, Task> Run);

    private static readonly Actor Reviewer = new("bench-member", Role.ReviewBodyMember, Seeder.ReviewBody);

    /// <summary><see cref="N"/>: open referrals in the index; <see cref="Partitions"/>: of those, with their partition in Referrals.</summary>
    private sealed record Result(int N, int Partitions, string Op, string? Baseline, double[] Ms, double Requests);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Arg(args, "--sizes", "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var samples = int.Parse(Arg(args, "--samples", "100"), CultureInfo.InvariantCulture);
        var background = args.Contains("--background");
        var budget = TimeSpan.FromSeconds(double.Parse(Arg(args, "--seed-budget", "300"), CultureInfo.InvariantCulture));
        var storage = Environment.GetEnvironmentVariable("REFERRALS_TEST_STORAGE") ?? "UseDevelopmentStorage=true";
        var smtpPort = int.Parse(Environment.GetEnvironmentVariable("REFERRALS_TEST_SMTP_PORT") ?? "1025", CultureInfo.InvariantCulture);
        var results = new List<Result>();
        var seeding = new List<(int Target, int N, TimeSpan Took)>();
        var total = Stopwatch.StartNew();

        foreach (var n in sizes)
        {
            var prefix = "scale" + n.ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
            await using var host = await ScaleHost.StartAsync(storage, smtpPort, prefix, background);
            Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] N={n}: seeding ...");
            var (seeded, took) = await Seeder.SeedAsync(host.Services, n, DateTimeOffset.UtcNow.AddMinutes(-1), budget);
            seeding.Add((n, seeded, took));
            Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] N={n}: index rows of {n}, {seeded} referral partitions in {took.TotalSeconds:F1} s; measuring {samples} rounds ...");
            results.AddRange(await MeasureAsync(host, n, seeded, samples));
            await host.DeleteTablesAsync();
            Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] N={n}: done");
        }

        var report = Report(results, seeding, samples, background);
        Console.WriteLine(report);
        var file = Path.Combine(Environment.CurrentDirectory, ".local", "bench", $"scale-{DateTime.UtcNow:yyyyMMdd-HHmm}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, report);
        Console.Error.WriteLine($"written to {file} ({total.Elapsed:mm\\:ss} in all)");
        return 0;
    }

    private static async Task<List<Result>> MeasureAsync(ScaleHost host, int target, int n, int samples)
    {
        var http = host.Http;
        var process = host.Services.GetRequiredService<ReferralDecider>();
        var commands = host.Services.GetRequiredService<IReferralCommands>();
        var worker = Auth(host.Token("bench-worker", Role.ReferringWorker, Seeder.Unit));
        var member = Auth(host.Token("bench-member", Role.ReviewBodyMember, Seeder.ReviewBody));
        var random = new Random(n);
        string Existing() => Seeder.IdOf(target, random.Next(Math.Min(samples * 3, n / 2), n));

        // The tenth page: the continuation after nine pages of 50, fetched once.
        string? tenth = null;
        for (var page = 1; page < 10; page++)
        {
            var body = await GetJsonAsync(http, $"/api/referrals?unit={Seeder.Unit}&limit=50" + (tenth is null ? "" : "&continuation=" + tenth), worker);
            tenth = body.GetProperty("continuation").GetString();
        }

        if (!KeyContinuation.TryDecode(tenth!, IndexRows.UnitPartition(Seeder.Unit), IndexRows.IsRowKey, out var tenthKey))
            throw new InvalidOperationException("The listing's continuation does not decode.");

        // The query a listing page sends, straight to storage: the same partition, range and $top.
        Op RawPage(string name, string partition, string after) => new(name, null, async _ =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
            await foreach (var page in host.Storage.Index.QueryAsync<TableEntity>(filter, 50).AsPages(pageSizeHint: 50)) break;
        });

        var rawRows = new Queue<List<TableTransactionAction>>();
        var reviewed = 0;
        var ops = new List<Op>
        {
            new("raw point read", null, _ => RawRead(host, Existing())),
            new("raw read + 4-row transaction", null, async _ =>
            {
                await RawRead(host, Existing());
                await host.Storage.Referrals.SubmitTransactionAsync(rawRows.Dequeue());
            }),
            // What a command on an existing referral does: read its snapshot, then replace it and add three rows in one
            // transaction. Azurite (LokiJS) finds an updated row's place in each of its two indices by a linear scan,
            // so a replace costs O(rows in the table) there, whatever the keys.
            new("raw read + replace + 3 inserts", null, async i =>
            {
                var id = Existing();
                var snapshot = (await RawRead(host, id)).Value!;
                var rows = Enumerable.Range(0, 3).Select(k => new TableTransactionAction(TableTransactionActionType.Add,
                        new TableEntity(id, $"raw-{i:D6}-{k}-{Guid.NewGuid():N}") { ["Bench"] = true }))
                    .Prepend(new TableTransactionAction(TableTransactionActionType.UpdateReplace, snapshot, snapshot.ETag));
                await host.Storage.Referrals.SubmitTransactionAsync(rows);
            }),
            new("raw point read + 1 insert", null, async i =>
            {
                await RawRead(host, Existing());
                await host.Storage.AccessLog.AddEntityAsync(new TableEntity(Existing(), $"{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}")
                {
                    ["UserId"] = "bench-worker", ["Role"] = "ReferringWorker", ["Unit"] = Seeder.Unit, ["Route"] = "GET /api/referrals/{id}", ["At"] = DateTimeOffset.UtcNow,
                });
            }),
            RawPage("raw page: unit", IndexRows.UnitPartition(Seeder.Unit), ""),
            RawPage("raw page: unit after page 9", IndexRows.UnitPartition(Seeder.Unit), tenthKey),
            RawPage("raw page: unit in status", IndexRows.StatusPartition(Seeder.Unit, global::Referrals.Domain.Referrals.ReferralStatus.AwaitingReview), ""),
            RawPage("raw page: queue", IndexRows.QueuePartition(Seeder.ReviewBody), ""),
            new("POST /api/referrals (submit)", "raw read + 4-row transaction", async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = SubmitBody() };
                request.Headers.Authorization = worker;
                request.Headers.Add("Idempotency-Key", $"bench-{n}-{i}-{Guid.NewGuid():N}");
                await SendAsync(http, request, 201);
            }),
            new("submit in process (IReferralCommands, no HTTP)", "raw read + 4-row transaction", async i =>
            {
                var id = $"inproc{n}-{i:D6}-{Guid.NewGuid():N}"[..40];
                var result = await commands.ExecuteAsync(id, Seeder.Submission(), "k-" + id, null);
                if (result is not CommandResult.Accepted) throw new InvalidOperationException($"in-process submit: {result}");
            }),
            new("POST …/review", "raw read + replace + 3 inserts", async _ =>
            {
                using var request = ApproveRequest(Seeder.IdOf(target, reviewed++), member);
                await SendAsync(http, request, 200);
            }),
            new("review in process (IReferralCommands, no HTTP)", "raw read + replace + 3 inserts", async _ =>
            {
                var id = Seeder.IdOf(target, reviewed++);
                var result = await commands.ExecuteAsync(id, new ReviewReferral(ReviewOutcome.Approve, "Tarve on selvä.", null) { By = Reviewer }, "review-" + id, 1);
                if (result is not CommandResult.Accepted) throw new InvalidOperationException($"in-process review: {result}");
            }),
            new("GET /api/referrals/{id} (+ access-log row)", "raw point read + 1 insert", _ => GetAsync(http, $"/api/referrals/{Existing()}", worker)),
            new("unit listing, page 1", "raw page: unit", _ => GetAsync(http, $"/api/referrals?unit={Seeder.Unit}&limit=50", worker)),
            new("unit listing, page 10", "raw page: unit after page 9", _ => GetAsync(http, $"/api/referrals?unit={Seeder.Unit}&limit=50&continuation={tenth}", worker)),
            new("unit listing by status, page 1", "raw page: unit in status", _ => GetAsync(http, $"/api/referrals?unit={Seeder.Unit}&status=AwaitingReview&limit=50", worker)),
            new("review queue, page 1", "raw page: queue", _ => GetAsync(http, $"/api/review-queue?reviewBody={Seeder.ReviewBody}&limit=50", member)),
        };

        const int warmup = 5;
        for (var i = 0; i < samples + warmup; i++)
        {
            var id = $"raw{n}-{i:D6}-{Guid.NewGuid():N}"[..40];
            var (rows, index) = Seeder.Rows(process, id, DateTimeOffset.UtcNow);
            rows = [rows[0], rows.First(r => r.Entity.RowKey.StartsWith(ReferralRows.SnapshotPrefix, StringComparison.Ordinal)), rows.Last(),
                new(TableTransactionActionType.Add, ReferralRows.OutboxRow(id, ReferralRows.OutboxKey(1, 0), index, DateTimeOffset.UtcNow))];
            rawRows.Enqueue(rows);
        }

        var times = ops.ToDictionary(o => o.Name, _ => new List<double>());
        var requests = ops.ToDictionary(o => o.Name, _ => 0);
        for (var i = 0; i < samples + warmup; i++)
        {
            foreach (var op in ops)
            {
                var before = host.StorageRequests;
                var clock = Stopwatch.StartNew();
                await op.Run(i);
                var ms = clock.Elapsed.TotalMilliseconds;
                if (i < warmup) continue;
                times[op.Name].Add(ms);
                requests[op.Name] += host.StorageRequests - before;
            }
        }
        return ops.Select(o => new Result(target, n, o.Name, o.Baseline, times[o.Name].Order().ToArray(), requests[o.Name] / (double)samples)).ToList();
    }

    private static string Report(List<Result> results, List<(int Target, int N, TimeSpan Took)> seeding, int samples, bool background)
    {
        var text = new StringBuilder();
        var sizes = results.Select(r => r.N).Distinct().ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Cost per call by open referrals (ms, {samples} calls each, one client, round-robin; Azurite in memory; clock and courier {(background ? "running" : "not running")})");
        text.AppendLine();
        text.AppendLine("N: open referrals in ReferralIndex (what the listings read); partitions: of those, with their rows in Referrals (what commands and GET read).");
        text.AppendLine();
        text.AppendLine("| N | partitions | call | p50 | p90 | p99 | storage requests/call | baseline (raw, same N) p50 | p50 / baseline | p50 − baseline |");
        text.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var baseline = r.Baseline is null ? null : results.Single(b => b.N == r.N && b.Op == r.Baseline);
            var against = baseline is null ? "| | |" : string.Create(CultureInfo.InvariantCulture,
                $"{P(baseline.Ms, 50):F2} | {P(r.Ms, 50) / P(baseline.Ms, 50):F2}x | {P(r.Ms, 50) - P(baseline.Ms, 50):F2} |");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.N:N0} | {r.Partitions:N0} | {r.Op} | {P(r.Ms, 50):F2} | {P(r.Ms, 90):F2} | {P(r.Ms, 99):F2} | {r.Requests:F1} | {against}");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## p50 at each N relative to N = {sizes[0]:N0}");
        text.AppendLine();
        text.AppendLine("| call | " + string.Join(" | ", sizes.Select(n => $"{n:N0}")) + " |");
        text.AppendLine("| --- |" + string.Concat(sizes.Select(_ => " ---: |")));
        foreach (var op in results.Select(r => r.Op).Distinct())
        {
            var first = P(results.Single(r => r.N == sizes[0] && r.Op == op).Ms, 50);
            var cells = string.Join(" | ", sizes.Select(n =>
            {
                var p = P(results.Single(r => r.N == n && r.Op == op).Ms, 50);
                return string.Create(CultureInfo.InvariantCulture, $"{p:F2} ms ({p / first:F2}x)");
            }));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {op} | {cells} |");
        }
        text.AppendLine();
        text.AppendLine("Seeding (ReferralIndex: every referral, transactions of 100, 8 at a time; Referrals: one transaction per referral, 16 at a time, until the budget): " +
                        string.Join(", ", seeding.Select(s => s.N == s.Target
                            ? $"N = {s.Target:N0} in {s.Took.TotalSeconds:F1} s"
                            : $"N = {s.Target:N0}: the index in full, {s.N:N0} referral partitions when the budget ran out at {s.Took.TotalSeconds:F1} s")));
        return text.ToString();
    }

    private static double P(double[] sorted, int percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The raw point read of a referral's snapshot row (the key the product reads).</summary>
    private static Task<Azure.NullableResponse<TableEntity>> RawRead(ScaleHost host, string id) =>
        host.Storage.Referrals.GetEntityIfExistsAsync<TableEntity>(id, ReferralRows.SnapshotKey(id));

    private static AuthenticationHeaderValue Auth(string token) => new("Bearer", token);

    /// <summary>The review body's approval of a referral just submitted (version 1), keyed by the referral.</summary>
    internal static HttpRequestMessage ApproveRequest(string id, AuthenticationHeaderValue member)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/review")
        {
            Content = new StringContent("""{"outcome":"Approve","reasons":"Tarve on selvä."}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = member;
        request.Headers.Add("Idempotency-Key", "review-" + id);
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        return request;
    }

    internal static StringContent SubmitBody() => new(JsonSerializer.Serialize(new
    {
        unit = Seeder.Unit, profileId = Seeder.ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
        assessmentSummary = "Arvio asiakkaan tilanteesta ja tuen tarpeesta.", goals = new[] { "Säännöllinen päivärytmi" }, requestedStart = "2027-03-01",
    }), Encoding.UTF8, "application/json");

    private static async Task GetAsync(HttpClient http, string path, AuthenticationHeaderValue auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = auth;
        await SendAsync(http, request, 200);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, AuthenticationHeaderValue auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    internal static async Task SendAsync(HttpClient http, HttpRequestMessage request, int expected)
    {
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if ((int)response.StatusCode != expected)
            throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
    }

    internal static string Arg(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
