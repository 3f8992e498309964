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

/// <summary>The referral page opened in Debian's Chromium with JavaScript off, in Finnish and Swedish: for each instrument
/// the referral has measurements of (the default instrument first), every figure of its table and every bar of its chart
/// equals the comparison the API answers for the same referral; it prints, and a screenshot is kept as a test artefact.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ReferralPageBrowserTests(DevServices services, ITestOutputHelper output)
{
    private static readonly string[] Series = ["baseline", "previous", "latest"];

    [Fact]
    public async Task The_referral_page_in_chromium_shows_the_comparison_of_the_api_for_each_instrument_in_finnish_and_swedish()
    {
        await using var seeded = await SeededReportHost.StartAsync(services, 80);
        // A running service of a profile with both instruments, with its baseline and one re-measurement; one more ESY now
        // makes the first the "previous", and two of the second instrument give it a baseline and a latest of its own.
        var referral = seeded.Seeded.First(r => r.State.Status == ReferralStatus.ServiceActive && r.State.EsyBaseline is not null
            && r.State.EsyMeasurements.Count == 1 && r.State.ClosedOn is null && r.State.ProfileId != "vantaa-steppi");
        var unit = referral.State.Unit;
        using var worker = seeded.Host.Client(seeded.Host.Token("worker-" + unit, Role.ReferringWorker, unit));
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var esyAreas = referral.State.EsyBaseline!.ByArea.Keys.ToList();
        var functioningAreas = ReportModelTests.Configuration.Instrument("functioning-example")!.Areas.Select(a => a.Code).ToList();
        foreach (var (instrument, on, scores) in new[]
        {
            ("esy-example", today, esyAreas.Select((a, i) => KeyValuePair.Create(a, 1 + (i * 3) % 10)).ToDictionary()),
            ("functioning-example", today.AddDays(-1), functioningAreas.Select((a, i) => KeyValuePair.Create(a, 4 - i % 3)).ToDictionary()),
            ("functioning-example", today, functioningAreas.Select((a, i) => KeyValuePair.Create(a, 1 + i % 3)).ToDictionary()),
        })
        {
            var measured = await worker.PostAsJsonAsync($"/api/referrals/{referral.Id}/esy-measurements", new { measuredOn = on, scores, instrument });
            Assert.True(measured.StatusCode == HttpStatusCode.OK, await measured.Content.ReadAsStringAsync());
        }

        var expected = new Dictionary<string, List<string>>();
        foreach (var instrument in new[] { "esy-example", "functioning-example" })
        {
            using var comparison = JsonDocument.Parse(await worker.GetStringAsync($"/api/referrals/{referral.Id}/measurements/{instrument}/comparison"));
            expected[instrument] = [.. comparison.RootElement.GetProperty("areas").EnumerateArray().SelectMany(area => Series
                .Where(s => area.GetProperty(s).ValueKind == JsonValueKind.Number)
                .Select(s => $"{area.GetProperty("code").GetString()}|{s}|{area.GetProperty(s).GetInt32()}")).Order(StringComparer.Ordinal)];
        }
        Assert.Equal(esyAreas.Count * 3, expected["esy-example"].Count);
        Assert.Equal(functioningAreas.Count * 2, expected["functioning-example"].Count);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        foreach (var language in new[] { "fi", "sv" })
        {
            var page = await DebianChromium.NewPageAsync(browser, language);
            await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + seeded.Host.Token("leader-1", Role.Signer, unit) });
            var response = await page.GotoAsync(new Uri(seeded.Host.BaseAddress, $"/api/referrals/{referral.Id}/page?lang={language}").ToString());
            Assert.Equal(200, response!.Status);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            Assert.Contains(language == "fi" ? "Sosiaalisen kuntoutuksen lähete" : "Remiss till social rehabilitering", await page.TitleAsync());
            Assert.Equal(referral.State.ServiceStartedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                await page.Locator("td[data-date=service-start] time").GetAttributeAsync("datetime"));
            Assert.Equal(["esy-example", "functioning-example"], await page.Locator("figure[data-instrument]").EvaluateAllAsync<string[]>("fs => fs.map(f => f.dataset.instrument)"));
            var bars = 0;
            foreach (var (instrument, figures) in expected)
            {
                var figure = page.Locator($"figure[data-instrument={instrument}]");
                var table = await figure.Locator("td[data-value]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.area + '|' + c.dataset.series + '|' + c.textContent)");
                Assert.Equal(figures, table.Order(StringComparer.Ordinal));
                var drawn = await figure.Locator("svg rect[data-series]").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.area + '|' + b.dataset.series + '|' + b.dataset.value)");
                Assert.Equal(figures, drawn.Order(StringComparer.Ordinal));
                Assert.All(await figure.Locator("svg rect[data-series]").AllAsync(), bar => Assert.True(bar.BoundingBoxAsync().Result is { Width: > 0 }));
                bars += drawn.Length;
            }
            var text = await page.Locator("main").TextContentAsync() ?? "";
            Assert.Contains(language == "fi" ? "Lähtötaso" : "Utgångsläge", text, StringComparison.Ordinal);
            Assert.Contains(language == "fi" ? "Palvelu käynnissä" : "Tjänsten pågår", text, StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("script, link, img[src^=http], iframe").CountAsync());
            var folder = RepositoryFiles.Path(".local/test-artifacts");
            Directory.CreateDirectory(folder);
            var shot = Path.Combine(folder, $"referral-page-{language}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            // Printed, the figures and the charts are still there.
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            Assert.True(await page.Locator("table.figures").First.IsVisibleAsync());
            Assert.True(await page.Locator("figure svg").First.IsVisibleAsync());
            output.WriteLine($"{bars} bars and as many table figures equal to the comparison; screenshot: {shot}");
            await page.CloseAsync();
        }
    }
}
