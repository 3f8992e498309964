using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Referrals.Functions.Edge;
using Referrals.Functions.Review;
using Referrals.Functions.Attachments;
using Referrals.Functions.Referrals;
using Referrals.Functions.Clients;
using Referrals.Functions.Operations;
using Referrals.Functions.Decisions;
using Referrals.Functions.FollowUp;
using Referrals.Functions.Reports;
using Referrals.Functions.OpenApi;
using Referrals.Functions.Signing;
using Referrals.Functions.AzureTests.Support;
using Referrals.Functions.Tests.Infrastructure;
using Scalar.AspNetCore;

namespace Referrals.Functions.AzureTests;

/// <summary>The Functions host's API reference: Scalar's own bundle from the pinned Scalar.AspNetCore package,
/// served by our trigger, and a page that loads nothing from anywhere else.</summary>
public sealed partial class ApiDocsTests
{
    [Fact]
    public async Task The_page_loads_scripts_only_from_our_own_routes()
    {
        var page = await GetAsync("ApiDocs", "/api/docs");
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.Headers["Content-Type"], StringComparison.Ordinal);
        var sources = ScriptSource().Matches(page.Text).Select(m => m.Groups["src"].Value).ToList();
        Assert.Equal(["/api/docs/scalar.js"], sources);
        Assert.DoesNotContain("http", page.Text.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("'/api/openapi/v1.json'", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_script_is_the_one_bundled_in_the_pinned_scalar_package()
    {
        var embedded = await EmbeddedScalarScriptAsync();
        Assert.True(embedded.Length > 100_000, $"Scalar's bundle is only {embedded.Length} bytes");

        var plain = await GetAsync("ApiDocsScript", "/api/docs/scalar.js");
        Assert.Equal(200, plain.Status);
        Assert.Equal("text/javascript; charset=utf-8", plain.Headers["Content-Type"]);
        Assert.False(plain.Headers.ContainsKey("Content-Encoding"));
        Assert.Equal(embedded, plain.Body);
        Assert.Equal(ScalarAssets.ScriptETag, plain.Headers["ETag"]);

        var gzip = await GetAsync("ApiDocsScript", "/api/docs/scalar.js", ("Accept-Encoding", "gzip, br"));
        Assert.Equal(200, gzip.Status);
        if (gzip.Headers.TryGetValue("Content-Encoding", out var encoding))
        {
            Assert.Equal("gzip", encoding);
            Assert.Equal(embedded, Gunzip(gzip.Body));
        }
        else Assert.Equal(embedded, gzip.Body);

        var again = await GetAsync("ApiDocsScript", "/api/docs/scalar.js", ("If-None-Match", ScalarAssets.ScriptETag));
        Assert.Equal(304, again.Status);
        Assert.Empty(again.Body);
    }

    [Fact]
    public async Task In_a_browser_the_page_renders_the_reference_with_no_request_leaving_this_machine()
    {
        await using var side = TestSide.ForTriggers();
        var address = await side.ServeOnLoopbackAsync(["ApiDocs", "ApiDocsScript", "OpenApiDocument"]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(45_000);
        var elsewhere = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        page.PageError += (_, error) => errors.Enqueue(error);
        await page.RouteAsync("**/*", async route =>
        {
            var uri = new Uri(route.Request.Url);
            if (uri.Scheme is "http" or "https" && uri.Host != "127.0.0.1")
            {
                elsewhere.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
            else await route.ContinueAsync();
        });

        var response = await page.GotoAsync(new Uri(address, "/api/docs").ToString());
        Assert.Equal(200, response!.Status);
        // Rendered by Scalar from the committed document: the API's title and an operation summary.
        await page.GetByText("Submit a referral (hakemus)").First.WaitForAsync();
        Assert.Contains("Social-rehabilitation referrals API", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
        Assert.Empty(elsewhere);
    }

    private static async Task<TestResponse> GetAsync(string function, string path, params (string Name, string Value)[] headers)
    {
        await using var side = TestSide.ForTriggers();
        return await Triggers.InvokeAsync(Triggers.Named(function), side.Services,
            new TestRequest("GET", path, headers.ToDictionary(h => h.Name, h => h.Value), null, null), Triggers.DurableClient().Object);
    }

    /// <summary>Straight from the package's assembly, independently of <see cref="ScalarAssets"/>.</summary>
    private static async Task<byte[]> EmbeddedScalarScriptAsync()
    {
        var assembly = typeof(ScalarOptions).Assembly;
        Assert.Contains(ScalarAssets.ResourceName, assembly.GetManifestResourceNames());
        await using var stream = assembly.GetManifestResourceStream(ScalarAssets.ResourceName)!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        var bytes = copy.ToArray();
        return bytes is [0x1f, 0x8b, ..] ? Gunzip(bytes) : bytes;
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
