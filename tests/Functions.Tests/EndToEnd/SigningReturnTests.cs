using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>Against Azurite and maildev: the leader returns the draft through the link with a comment;
/// the worker drafts again; the new mail carries a new link that works, and the old one is refused.</summary>
[Collection(DevServicesCollection.Name)]
public sealed partial class SigningReturnTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private readonly LiveHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_returned_draft_gets_a_new_link_and_the_old_one_is_refused()
    {
        await devServices.Maildev.DeleteAllAsync();
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-2", Role.ReferringWorker, Unit));
        var member = host.Client(host.Token("member-2", Role.ReviewBodyMember, ReviewBody));

        var id = (await Post(worker, "/api/referrals", new
        {
            profileId = ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-group-activity",
            assessmentSummary = "Arvio.", goals = new[] { "Ryhmä" }, requestedStart = today.AddDays(20),
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Post(member, $"/api/referrals/{id}/review", new { outcome = "Approve", reasons = "Selvä." });
        object Draft(string reasons) => new
        {
            kind = "Granting", reasons, start = today.AddDays(20), end = today.AddDays(20).AddMonths(4),
            esyRemeasurementMonth = 6, contactPerson = "Maija Meikäläinen", contactDetails = "09 123",
        };
        await Post(worker, $"/api/referrals/{id}/decision-draft", Draft("Ensimmäinen luonnos."));
        var first = await NextLinkAsync(id, known: []);

        var (status, html) = await SubmitForm(first, "return", "Lisää perustelut.");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Luonnos on palautettu", html, StringComparison.Ordinal);
        var returned = await Get(worker, $"/api/referrals/{id}");
        Assert.Equal("AwaitingGrantingDraft", returned.GetProperty("status").GetString());

        await Post(worker, $"/api/referrals/{id}/decision-draft", Draft("Toinen luonnos, perustelut lisätty."));
        var second = await NextLinkAsync(id, known: [first]);
        Assert.NotEqual(first, second);

        var (oldStatus, oldHtml) = await Open(first);
        Assert.Equal(HttpStatusCode.Gone, oldStatus);
        Assert.Contains("Linkki on jo käytetty", oldHtml, StringComparison.Ordinal);
        var (signedStatus, signedHtml) = await SubmitForm(second, "sign", "");
        Assert.Equal(HttpStatusCode.OK, signedStatus);
        Assert.Contains("Päätös on allekirjoitettu", signedHtml, StringComparison.Ordinal);
        var signed = await Get(worker, $"/api/referrals/{id}");
        Assert.Equal(2, signed.GetProperty("decision").GetProperty("signedDraftVersion").GetInt32());
    }

    private async Task<string> NextLinkAsync(string id, IReadOnlyCollection<string> known)
    {
        var inbox = await devServices.Maildev.WaitAsync(all => Links(all).Except(known).Any(), TimeSpan.FromSeconds(30));
        return Assert.Single(Links(inbox).Except(known));
    }

    private static IEnumerable<string> Links(IEnumerable<MaildevEmail> mails) =>
        mails.SelectMany(m => SigningLink().Matches(m.Text ?? "").Select(x => x.Value)).Distinct();

    private async Task<(HttpStatusCode, string)> Open(string link)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Add("Cookie", SignerSessions.CookieHeaderForSignerOf(host.Services, Unit));
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What a signed-in signer's browser does: GET the page (cookie + form field), then POST the form.</summary>
    private async Task<(HttpStatusCode, string)> SubmitForm(string link, string decision, string comment)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        var (name, value) = SignerSessions.Cookie(host.Services, [$"Signer.{Unit}"]);
        handler.CookieContainer.Add(new Uri(link), new Cookie(name, value, "/signing"));
        using var client = new HttpClient(handler);
        var page = await client.GetStringAsync(link);
        var check = WebUtility.HtmlDecode(FormCheck().Match(page).Groups[1].Value);
        var response = await client.PostAsync(link, new FormUrlEncodedContent(
            [new("form-check", check), new("decision", decision), new("comment", comment), new("lang", "fi")]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Post(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> Get(HttpClient client, string path) =>
        JsonDocument.Parse(await client.GetStringAsync(path)).RootElement;

    [GeneratedRegex(@"https?://[^\s<>""]+/signing/[A-Za-z0-9_-]{43}")]
    private static partial Regex SigningLink();

    [GeneratedRegex("name=\"form-check\" value=\"([^\"]+)\"")]
    private static partial Regex FormCheck();
}
