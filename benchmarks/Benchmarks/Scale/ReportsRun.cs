using Referrals.Domain.Referrals;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Functions.Commands;
using Referrals.Functions.Reports;
using Referrals.Functions.Storage;

namespace Referrals.Benchmarks.Scale;

/// <summary><c>--reports</c>: the issue-11 benchmark. Seeds <c>--referrals</c> (100 000) referrals over <c>--years</c> (5)
/// across <c>--units</c> (30) through the real decider, stores their events, rebuilds the reporting model from them
/// (timed), then asks GET /api/reports/overview for the last whole year with each grouping (<c>--samples</c> each) and
/// times a delivery's projection. <c>--referrals 5000</c> is a quick check.</summary>
public static class ReportsRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(Arg(args, "--referrals", "100000"), CultureInfo.InvariantCulture);
        var years = int.Parse(Arg(args, "--years", "5"), CultureInfo.InvariantCulture);
        var units = int.Parse(Arg(args, "--units", "30"), CultureInfo.InvariantCulture);
        var samples = int.Parse(Arg(args, "--samples", "30"), CultureInfo.InvariantCulture);
        // --model-only: the streams stay in memory and only the model is written (its rows are all a report reads);
        // storing 100 000 streams in Azurite alone takes hours on a shared 2-core machine.
        var modelOnly = args.Contains("--model-only");
        var storage = Environment.GetEnvironmentVariable("REFERRALS_TEST_STORAGE") ?? "UseDevelopmentStorage=true";
        var smtpPort = int.Parse(Environment.GetEnvironmentVariable("REFERRALS_TEST_SMTP_PORT") ?? "1025", CultureInfo.InvariantCulture);
        var total = Stopwatch.StartNew();
        var prefix = "rep" + Guid.NewGuid().ToString("N")[..6];
        // The units' municipalities, as a county would set them (Reports:Units:{unit}:Municipality).
        for (var u = 0; u < units; u++)
            Environment.SetEnvironmentVariable($"Reports__Units__{SeededReferrals.UnitName(u)}__Municipality", SeededReferrals.MunicipalityOf(u, units));
        await using var host = await ScaleHost.StartAsync(storage, smtpPort, prefix, background: false);
        var background = host.Services.GetRequiredKeyedService<StorageAccount>(StorageAccount.Background);
        var process = host.Services.GetRequiredService<ReferralDecider>();
        var configuration = DefaultProcessConfiguration.Load();
        var now = DateTimeOffset.UtcNow;
        var from = new DateOnly(now.Year - years, 1, 1);
        var lastYear = now.Year - 1;

        void Say(string text) => Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {text}");
        var clock = Stopwatch.StartNew();
        var seeded = SeededReferrals.Generate(configuration, count, from, years, units, now);
        var generated = clock.Elapsed;
        var events = seeded.Sum(s => s.Events.Count);
        Say($"generated {count} referrals ({events} events) through the decider in {generated.TotalSeconds:F1} s; storing ...");
        clock.Restart();
        if (!modelOnly) await SeededReferrals.WriteAsync(background, process, seeded);
        var stored = clock.Elapsed;
        Say($"stored in {stored.TotalSeconds:F1} s; rebuilding the model ...");
        var rebuilder = host.Services.GetRequiredService<ReportRebuild>();
        var rebuild = modelOnly
            ? await rebuilder.RunAsync(InMemory(seeded))
            : await rebuilder.RunAsync();
        Say($"rebuilt: {rebuild.Referrals} referrals, {rebuild.Rows} rows in {rebuild.Elapsed.TotalSeconds:F1} s");
        // --with-marks: the seen marks every delivery would have left without the hourly sweep (ReportMarkSweep), in the
        // partitions a report reads; without it the tables are as the sweep keeps them (a day's marks at most).
        var marks = 0;
        if (args.Contains("--with-marks"))
        {
            var markRows = seeded.SelectMany(s => ReportProjector.Places(s.Id,
                    ReportContributions.Fold(s.Id, s.Events, id => configuration.Instrument(id)?.RisingIsBetter ?? true).Contributions)
                .SelectMany(p => p.Value.Keys.Select(mark => new Azure.Data.Tables.TableEntity(p.Key, mark)))).ToList();
            marks = markRows.Count;
            clock.Restart();
            await ReportRebuild.WriteAsync(background.Reports, markRows, CancellationToken.None);
            Say($"wrote {marks} seen marks in {clock.Elapsed.TotalSeconds:F1} s");
        }

        // A delivery: the projector on referrals the model has not seen (a second seed), one call each at its last version.
        var fresh = SeededReferrals.Generate(configuration, 100, new DateOnly(lastYear, 1, 1), 1, units, now, seed: 99);
        await SeededReferrals.WriteAsync(background, process, fresh);
        var projector = host.Services.GetRequiredService<ReportProjector>();
        var delivery = new List<double>();
        foreach (var r in fresh)
        {
            var one = Stopwatch.StartNew();
            await projector.ApplyAsync(r.Id, r.State.Version);
            delivery.Add(one.Elapsed.TotalMilliseconds);
        }

        var http = host.Http;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Token("bench-viewer", Role.ReportViewer, "county"));
        string?[] groupings = [null, "authority", "municipality", "unit", "profile", "serviceType", "legalBasis", "month"];
        var rows = new List<(string Query, double P50, double P95, int Bytes)>();
        foreach (var format in new[] { "json", "csv", "html" })
            foreach (var groupBy in format == "json" ? groupings : [null, "unit"])
            {
                var url = $"/api/reports/overview?period={lastYear}&format={format}" + (groupBy is null ? "" : "&groupBy=" + groupBy);
                var bytes = (await GetAsync(http, url)).Length; // warm
                var ms = new List<double>();
                for (var i = 0; i < samples; i++)
                {
                    var one = Stopwatch.StartNew();
                    await GetAsync(http, url);
                    ms.Add(one.Elapsed.TotalMilliseconds);
                }
                ms.Sort();
                rows.Add((url, Quantile(ms, 0.5), Quantile(ms, 0.95), bytes));
                Say($"{url}: p50 {Quantile(ms, 0.5):F0} ms, p95 {Quantile(ms, 0.95):F0} ms");
            }
        delivery.Sort();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Reports benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{count} referrals over {years} years ({from:yyyy}–{now.Year}) across {units} units and the shipped profiles, {events} events, through the real decider; Azurite in memory; {Environment.ProcessorCount} cores.");
        report.AppendLine();
        report.AppendLine("| step | time |");
        report.AppendLine("| --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| generate through the decider | {generated.TotalSeconds:F1} s |");
        report.AppendLine(modelOnly ? "| store the events | not stored (--model-only) |" : string.Create(CultureInfo.InvariantCulture, $"| store the events (one transaction per referral) | {stored.TotalSeconds:F1} s |"));
        report.AppendLine(CultureInfo.InvariantCulture, $"| **rebuild the model from the event streams{(modelOnly ? " in memory (the table scan left out)" : "")}** ({rebuild.Events} events → {rebuild.Rows} rows) | **{rebuild.Elapsed.TotalSeconds:F1} s** |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| seen marks in table Reports | {(marks > 0 ? marks.ToString(CultureInfo.InvariantCulture) + " (--with-marks: every delivery's, as without the sweep)" : "none older than a day (the sweep)")} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| one delivery's projection (new referral, all its events; p50 / p95 of {delivery.Count}) | {Quantile(delivery, 0.5):F0} / {Quantile(delivery, 0.95):F0} ms |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"One-year report (GET over HTTP, {samples} samples each; the issue's bound: p95 ≤ 1 000 ms):");
        report.AppendLine();
        report.AppendLine("| request | p50 ms | p95 ms | bytes |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (query, p50, p95, bytes) in rows) report.AppendLine(CultureInfo.InvariantCulture, $"| `{query}` | {p50:F0} | {p95:F0} | {bytes} |");
        Console.WriteLine(report);
        var file = Path.Combine(Environment.CurrentDirectory, ".local", "bench", $"reports-{DateTime.UtcNow:yyyyMMdd-HHmm}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, report.ToString());
        foreach (var table in new[] { background.Referrals, background.Index, background.Reports, background.ReportState, background.ReportClients }) await table.DeleteAsync();
        Say($"written to {file}");
        return 0;
    }

#pragma warning disable CS1998 // an async stream over memory
    private static async IAsyncEnumerable<(string, List<(int, Referrals.Domain.Referrals.ReferralEvent)>)> InMemory(IEnumerable<SeededReferral> seeded)
    {
        foreach (var s in seeded) yield return (s.Id, s.Events.ToList());
    }
#pragma warning restore CS1998

    private static async Task<byte[]> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        return body;
    }

    private static double Quantile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
