using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Referrals.Domain.Calendar;
using Referrals.Domain.Clients;
using Referrals.Domain.Common;
using Referrals.Functions.Clients;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>The README walk-through as a test, against Azurite and maildev: submit, review, draft, the
/// signing link from the mail opened in Chromium and signed, then service start and client plan. All
/// log output of the scenario is searched for the identity code and the client's name, address and e-mail.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ReferralWalkthroughTests(DevServices devServices) : IDisposable
{
    private const string IdentityCode = "010594Y9021";
    private const string ClientName = "Tuula Tiedoksi", ClientStreet = "Yksityistie 9 B 17", ClientEmail = "tuula.tiedoksi@example.invalid";
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private const string LeaderObjectId = "7d0c1e0a-0000-4000-8000-000000000001";
    private const string SignerMailbox = "johtava.sosiaalityontekija@hyvinvointialue.localhost";
    private const string DraftReasons = "Asiakkaalla on SHL 17 §:n mukainen tarve tavoitteelliseen tukeen arjessa.";
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, string key, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);
        return await Ok(response, path == "/api/referrals" ? HttpStatusCode.Created : HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_referral_goes_from_submission_to_a_signed_decision_and_a_client_plan()
    {
        await devServices.Maildev.DeleteAllAsync();
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.NamedToken("worker-1", Role.ReferringWorker, "Maija Meikäläinen", "sosiaalityöntekijä", Unit));
        var member = host.Client(host.Token("member-1", Role.ReviewBodyMember, ReviewBody));
        var auditor = host.Client(host.Token("auditor-1", Role.Auditor, Unit));

        var submitted = await PostAsync(worker, "/api/referrals", new
        {
            unit = Unit, profileId = ReviewBody, personalIdentityCode = IdentityCode, fullName = ClientName, language = "fi", address = new { street = ClientStreet, postalCode = "01370", postOffice = "Vantaa" },
            email = ClientEmail, electronicNotificationConsent = true, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "Asiakas tarvitsee tukea arjen hallintaan.", goals = new[] { "Päivärytmi" }, requestedStart = today.AddDays(30),
        }, "walk-submit");
        var id = submitted.GetProperty("id").GetString()!;
        Assert.Equal("AwaitingReview", submitted.GetProperty("status").GetString());

        var queue = await Eventually(async () => await member.GetFromJsonAsync<JsonElement>("/api/review-queue"),
            q => q.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("referralId").GetString() == id));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), r => r.GetProperty("referralId").GetString() == id);

        var etag = (await member.GetAsync($"/api/referrals/{id}")).Headers.ETag!.Tag;
        await PostAsync(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Tarve on selvä." }, "walk-review", etag);
        var drafted = await PostAsync(worker, $"/api/referrals/{id}/decision-draft", new
        {
            kind = "Granting", reasons = DraftReasons, start = today.AddDays(30), end = today.AddDays(30).AddMonths(6),
            esyRemeasurementMonth = 6, contactPerson = "Sosiaalityöntekijä Maija Meikäläinen", contactDetails = "09 123 456",
            form = "Individual", content = "Arjen taitojen valmennus", extent = "kerran viikossa", provider = "Palveluntuottaja Oy", providerKind = "Purchased",
        }, "walk-draft");
        Assert.Equal("AwaitingSignature", drafted.GetProperty("status").GetString());

        var link = await LiveApi.NextSigningLinkAsync(devServices.Maildev, [], all => all.Where(m => m.IsTo(SignerMailbox)));
        Assert.StartsWith(host.BaseAddress.ToString().TrimEnd('/'), link, StringComparison.Ordinal);

        await SignInBrowserAsync(link);

        // The anti-forgery keys live in Blob Storage, shared by every instance.
        var keyRing = new Azure.Storage.Blobs.BlobServiceClient(devServices.StorageConnectionString)
            .GetBlobContainerClient((host.Prefix + "dataprotection").ToLowerInvariant());
        Assert.NotEmpty(keyRing.GetBlobs());

        var signed = await Ok(await worker.GetAsync($"/api/referrals/{id}"));
        Assert.Equal("AwaitingServiceStart", signed.GetProperty("status").GetString());
        Assert.True(signed.GetProperty("decision").GetProperty("signed").GetBoolean());
        var document = await worker.GetAsync($"/api/referrals/{id}/decision");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var bytes = await document.Content.ReadAsByteArrayAsync();
        var html = Encoding.UTF8.GetString(bytes);
        // The parties, the unit, the authority of the profile and the preparer by name and title (HL § 44).
        Assert.Contains($"<dd data-element=\"client-name\">{ClientName}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd data-element=\"client-identity-code\">{IdentityCode}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Aikuissosiaalityö, Vantaa", html, StringComparison.Ordinal);
        Assert.Contains("Vantaan ja Keravan hyvinvointialue", html, StringComparison.Ordinal);
        Assert.Contains("<p data-element=\"drafted-by\">Maija Meikäläinen<br>\nsosiaalityöntekijä</p>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-element=\"provider\">Palveluntuottaja Oy (ostopalvelu)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-element=\"extent\">kerran viikossa</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("worker-1", html, StringComparison.Ordinal);
        Assert.DoesNotContain(signed.GetProperty("clientId").GetString()!, html, StringComparison.Ordinal);
        // The stored document is exactly the one whose hash the signing event recorded.
        Assert.Equal(signed.GetProperty("decision").GetProperty("documentSha256").GetString(),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));

        await PostAsync(worker, $"/api/referrals/{id}/service-start", new { startedOn = today, provider = "Palveluntuottaja Oy" }, "walk-start");
        var planned = await PostAsync(worker, $"/api/referrals/{id}/client-plan", new { agreedOn = today }, "walk-plan");
        Assert.Equal(today.ToString("yyyy-MM-dd"), planned.GetProperty("followUp").GetProperty("clientPlanOn").GetString());

        var log = (await Ok(await auditor.GetAsync($"/api/referrals/{id}/access-log?limit=200"))).GetProperty("items");
        Assert.Contains(log.EnumerateArray(), r => r.GetProperty("userId").GetString() == "worker-1" && r.GetProperty("route").GetString() == "GET /api/referrals/{id}/decision");
        // The leader's view of the draft is logged under their object id (users.json: johtaja), with the route template.
        Assert.Contains(log.EnumerateArray(), r => r.GetProperty("userId").GetString() == LeaderObjectId && r.GetProperty("route").GetString() == "GET /signing/{token}");
        var timeline = await Ok(await auditor.GetAsync($"/api/referrals/{id}/timeline"));
        var signedEvent = Assert.Single(timeline.EnumerateArray(), e => e.GetProperty("event").GetProperty("$type").GetString() == "decision-signed").GetProperty("event");
        Assert.Equal(LeaderObjectId, signedEvent.GetProperty("by").GetProperty("userId").GetString());
        Assert.Equal(("Leena Johtaja", "Johtava sosiaalityöntekijä"), (signedEvent.GetProperty("signerName").GetString(), signedEvent.GetProperty("signerTitle").GetString()));
        Assert.Contains("<p data-element=\"signer\">Leena Johtaja<br>\nJohtava sosiaalityöntekijä</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(LeaderObjectId, html, StringComparison.Ordinal);

        // Everything the host logged during the scenario, and every mail: never the identity code.
        var lines = host.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("Request starting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Trace", StringComparison.Ordinal) || l.StartsWith("Debug", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(IdentityCode, StringComparison.OrdinalIgnoreCase) || l.Contains("010594", StringComparison.Ordinal));
        var mails = await devServices.Maildev.AllAsync();
        Assert.DoesNotContain(mails, m => (m.Text + m.Html + m.Subject).Contains(IdentityCode, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(IdentityCode, timeline.GetRawText(), StringComparison.OrdinalIgnoreCase);
        // Nor the client's name, address or e-mail (they live only in the sealed client record).
        string[] personal = ["Tuula", "Tiedoksi", "Yksityistie", "01370", ClientEmail];
        foreach (var text in personal)
        {
            Assert.DoesNotContain(lines, l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(mails, m => (m.Text + m.Html + m.Subject).Contains(text, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(text, timeline.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }
        // Nor the client's or the preparer's name: they are in the document, never in a log line, mail or event.
        Assert.DoesNotContain(lines, l => l.Contains(ClientName, StringComparison.Ordinal) || l.Contains("Meikäläinen", StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => (m.Text + m.Html + m.Subject).Contains(ClientName, StringComparison.Ordinal));
        Assert.DoesNotContain(ClientName, timeline.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task SignInBrowserAsync(string link)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await DebianChromium.NewPageAsync(browser, "fi-FI");

        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, r) => seen.Enqueue($"request {r.Method} {r.Url}");
        page.RequestFailed += (_, r) => seen.Enqueue($"failed {r.Method} {r.Url} {r.Failure}");
        page.FrameNavigated += (_, f) => seen.Enqueue($"navigated {f.Url}");
        // The link sends the leader to sign in at the identity provider (here the local one), then back.
        await page.GotoAsync(link);
        Assert.StartsWith(LocalOidc.Url, page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Käyttäjätunnus").FillAsync("johtaja");
        await page.GetByLabel("Salasana").FillAsync("johtaja");
        var opened = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Kirjaudu" }).ClickAsync(),
            response => response.Url.StartsWith(link, StringComparison.Ordinal));
        Assert.Equal(200, opened.Status);
        var draft = await page.FrameLocator("iframe.draft").Locator("body").InnerTextAsync();
        Assert.Contains(DraftReasons, draft, StringComparison.Ordinal);

        IResponse posted;
        try
        {
            var sign = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allekirjoita päätös" });
            posted = await page.RunAndWaitForResponseAsync(() => DebianChromium.PressAsync(sign), response => response.Request.Method == "POST");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{string.Join("\n", seen)}\n{await page.ContentAsync()}", e);
        }
        Assert.Equal(200, posted.Status);
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Päätös on allekirjoitettu" }).WaitForAsync();

        var again = await page.GotoAsync(link);
        Assert.Equal(410, again!.Status);
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Linkki on jo käytetty" }).WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button).CountAsync());
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }
}
