using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Tests.AzureHost;
using Referrals.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Referrals.Functions.Tests.Reports;

/// <summary>One client's instrument chart (baseline, previous and latest per area) opened in Debian's Chromium: every bar on
/// the page equals the comparison the API answers for the same referral, in Finnish and Swedish, with a screenshot kept as a
/// test artefact.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class InstrumentChartBrowserTests(DevServices services, ITestOutputHelper output)
{
    [Fact]
    public async Task The_clients_chart_in_chromium_shows_the_comparison_of_the_api_area_by_area()
    {
        await using var seeded = await SeededReportHost.StartAsync(services, 80);
        // A running service with its baseline and one re-measurement; a second one now makes the first the "previous".
        var referral = seeded.Seeded.First(r => r.State.Status == ReferralStatus.ServiceActive && r.State.EsyBaseline is not null
            && r.State.EsyMeasurements.Count == 1 && r.State.ClosedOn is null);
        var unit = referral.State.Unit;
        using var worker = seeded.Host.Client(seeded.Host.Token("worker-" + unit, Role.ReferringWorker, unit));
        var areas = referral.State.EsyBaseline!.ByArea.Keys.ToList();
        var latest = areas.Select((a, i) => KeyValuePair.Create(a, 1 + (i * 3) % 10)).ToDictionary();
        var measured = await worker.PostAsJsonAsync($"/api/referrals/{referral.Id}/esy-measurements",
            new { measuredOn = FinnishCalendar.DateIn(DateTimeOffset.UtcNow), scores = latest, instrument = "esy-example" });
        Assert.True(measured.StatusCode == HttpStatusCode.OK, await measured.Content.ReadAsStringAsync());

        using var comparison = JsonDocument.Parse(await worker.GetStringAsync($"/api/referrals/{referral.Id}/measurements/esy-example/comparison"));
        var expected = new List<string>();
        foreach (var area in comparison.RootElement.GetProperty("areas").EnumerateArray())
            foreach (var series in new[] { "baseline", "previous", "latest" })
                if (area.GetProperty(series) is { ValueKind: JsonValueKind.Number } value)
                    expected.Add($"{area.GetProperty("code").GetString()}|{series}|{value.GetInt32()}");
        Assert.Equal(areas.Count * 3, expected.Count);
        Assert.Contains(expected, e => e == $"{areas[1]}|latest|{latest[areas[1]]}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        foreach (var language in new[] { "fi", "sv" })
        {
            var page = await DebianChromium.NewPageAsync(browser, language);
            await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + seeded.Host.Token("leader-1", Role.Signer, unit) });
            var response = await page.GotoAsync(new Uri(seeded.Host.BaseAddress, $"/api/referrals/{referral.Id}/instrument-chart?instrument=esy-example&lang={language}").ToString());
            Assert.Equal(200, response!.Status);
            var bars = await page.Locator("rect[data-series]").EvaluateAllAsync<string[]>(
                "bars => bars.map(b => b.dataset.area + '|' + b.dataset.series + '|' + b.dataset.value)");
            Assert.Equal(expected.Order(StringComparer.Ordinal), bars.Order(StringComparer.Ordinal));
            // Each bar is drawn (a width on the page), and the legend names the three series in the page's language.
            Assert.All(await page.Locator("rect[data-series]").AllAsync(), bar => Assert.True(bar.BoundingBoxAsync().Result is { Width: > 0 }));
            var text = await page.Locator("svg").First.TextContentAsync() ?? "";
            Assert.Contains(language == "fi" ? "Lähtötaso" : "Utgångsläge", text, StringComparison.Ordinal);
            // The example instrument says so where it shows.
            Assert.Contains(language == "fi" ? "esimerkkimittari (ei virallinen lomake)" : "exempelinstrument (inte den officiella blanketten)", text, StringComparison.Ordinal);
            var folder = RepositoryFiles.Path(".local/test-artifacts");
            Directory.CreateDirectory(folder);
            var shot = Path.Combine(folder, $"instrument-chart-{language}.png");
            // Chromium never settles the fonts of a bare SVG document for a screenshot: the served bytes go into a page of their own.
            var svg = await response.TextAsync();
            await page.GotoAsync("about:blank");
            await page.SetContentAsync($"<!DOCTYPE html><html lang=\"{language}\"><body>{svg}</body></html>");
            Assert.Equal(bars.Length, await page.Locator("rect[data-series]").CountAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            output.WriteLine($"{bars.Length} bars equal to the comparison; screenshot: {shot}");
            await page.CloseAsync();
        }
    }
}
