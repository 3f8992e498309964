using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.Infrastructure;
using static Referrals.Functions.Tests.EndToEnd.LiveApi;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>Electronic notification on Azurite and maildev: refused without the client's consent and
/// e-mail; once the record has them, recording it mails the client (in Swedish for a Swedish-speaking
/// client) a link and nothing else; the link's page asks for the identity code and serves the signed
/// decision only when it matches, logs every download, and locks after the configured wrong answers.</summary>
[Collection(DevServicesCollection.Name)]
public sealed partial class DecisionDownloadTests(DevServices devServices) : IDisposable
{
    private const string IdentityCode = "280264-051U";
    private const string ClientEmail = "birgitta.brevduva@example.invalid";
    private const string Reasons = "Klientens behov motsvaras bättre av arbetsprövning.";
    private readonly LoopbackHost host = new(devServices, new Dictionary<string, string>
    {
        ["DecisionDownloads:MaxAttempts"] = "3",
        ["Clients:AllowTemporaryNumbers"] = "false",
    });

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task The_client_is_mailed_only_a_link_and_opens_the_signed_decision_with_their_identity_code()
    {
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-5", Role.ReferringWorker, Unit));
        var auditor = host.Client(host.Token("auditor-5", Role.Auditor, Unit));
        var submitted = await PostAsync(worker, "/api/referrals", new
        {
            profileId = ReviewBody, personalIdentityCode = IdentityCode, serviceTypeCode = "sr-group-activity",
            assessmentSummary = "Arvio.", goals = new[] { "Ryhmä" }, requestedStart = today.AddDays(20),
            fullName = "Birgitta Brevduva", language = "sv", address = new { street = "Hemliga gränden 4", postalCode = "00170", postOffice = "Helsingfors" },
        }, HttpStatusCode.Created);
        var id = submitted.GetProperty("id").GetString()!;
        var commands = host.Commands;
        Assert.IsType<CommandResult.Accepted>(await commands.ExecuteAsync(id, new ReviewReferral(ReviewOutcome.Refuse, "Annan tjänst passar bättre.")
            { By = new Actor("member-5", Role.ReviewBodyMember, ReviewBody) }, null, null));
        await PostAsync(worker, $"/api/referrals/{id}/decision-draft", new { kind = "Refusing", reasons = Reasons, contactPerson = "Maija Meikäläinen", contactDetails = "09 123" });
        Assert.IsType<CommandResult.Accepted>(await commands.ExecuteAsync(id, new SignDecision(1) { By = new Actor("leader-5", Role.Signer, Unit) }, null, null));

        // No consent and no e-mail yet: electronic notification is refused with the reason.
        var refused = await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Electronic", sentOn = today }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("electronic-notification-not-possible", refused.GetProperty("code").GetString());
        await PostAsync(worker, $"/api/referrals/{id}/client/corrections", new { email = ClientEmail, electronicNotificationConsent = true });
        await devServices.Maildev.DeleteAllAsync();
        await PostAsync(worker, $"/api/referrals/{id}/decision-notification", new { method = "Electronic", sentOn = today });

        var inbox = await devServices.Maildev.WaitAsync(all => all.Any(m => m.IsTo(ClientEmail)), TimeSpan.FromSeconds(30));
        var mail = Assert.Single(inbox, m => m.IsTo(ClientEmail));
        Assert.Contains("beslut", mail.Subject, StringComparison.OrdinalIgnoreCase);
        var link = DownloadLink().Match(mail.Text ?? "").Value;
        Assert.StartsWith(host.BaseAddress.ToString().TrimEnd('/') + "/decision-download/", link, StringComparison.Ordinal);
        // Nothing of the client, the referral or the decision in the mail: only the link.
        var content = mail.Subject + mail.Text + mail.Html;
        foreach (var personal in new[] { "Birgitta", "Brevduva", "Hemliga", "00170", "280264", "051U", id, Reasons, "arbetsprövning" })
            Assert.DoesNotContain(personal, content, StringComparison.OrdinalIgnoreCase);

        using var browser = new HttpClient { BaseAddress = host.BaseAddress };
        var page = await browser.GetAsync(link);
        var pageText = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        foreach (var personal in new[] { "Birgitta", "Brevduva", "280264", Reasons })
            Assert.DoesNotContain(personal, pageText, StringComparison.OrdinalIgnoreCase);

        var wrong = await Post(browser, link, "280264-052V", "sv");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Försök kvar: 2", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await Post(browser, link, " 280264-051u ", "sv");
        var document = await right.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.StartsWith("attachment", right.Content.Headers.ContentDisposition?.ToString() ?? right.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Contains(Reasons, document, StringComparison.Ordinal);

        var log = JsonDocument.Parse(await auditor.GetStringAsync($"/api/referrals/{id}/access-log?limit=200")).RootElement.GetProperty("items");
        var row = Assert.Single(log.EnumerateArray(), r => r.GetProperty("route").GetString() == "POST /decision-download/{token}");
        Assert.StartsWith("client-link-", row.GetProperty("userId").GetString(), StringComparison.Ordinal);
        Assert.Equal("Client", row.GetProperty("role").GetString());
        Assert.DoesNotContain(link[^43..], log.GetRawText(), StringComparison.Ordinal);

        // Two more wrong answers lock the link (DecisionDownloads:MaxAttempts = 3): the right code no longer opens it.
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(browser, link, "010594Y9021", "fi")).StatusCode);
        var locked = await Post(browser, link, "010594Y9021", "fi");
        Assert.Equal(HttpStatusCode.Gone, locked.StatusCode);
        Assert.Contains("Linkki on lukittu", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await Post(browser, link, IdentityCode, "fi")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(link)).StatusCode);

        // No log line of the host carries the client's data. (The link's token does appear in ASP.NET Core's
        // own request log lines of the standalone host at Information, as the signing link's does.)
        var lines = host.Logs.Lines.ToArray();
        foreach (var secret in new[] { "Birgitta", "Brevduva", "Hemliga", "280264", "brevduva@" })
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string link, string code, string language) =>
        client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["identityCode"] = code, ["lang"] = language }));

    [GeneratedRegex(@"https?://[^\s<>""]+/decision-download/[A-Za-z0-9_-]{43}")]
    private static partial Regex DownloadLink();
}
