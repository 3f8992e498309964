using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>What the end-to-end tests do over HTTP, in one place: JSON commands with a fresh Idempotency-Key, reads,
/// the sample submission, the links in the signing mail and the signed-in leader's browser on the signing page.</summary>
public static partial class LiveApi
{
    /// <summary>The referring unit and review body of the shipped Vantaa steering-group profile.</summary>
    public const string Unit = "vantaa-adult-social-work";
    public const string ReviewBody = "vantaa-steering-group";

    /// <summary>The sample client's submission to the Vantaa steering group, as the worker's JSON body.</summary>
    public static object Submission(DateOnly requestedStart, string serviceTypeCode = "sr-group-activity") => new
    {
        profileId = ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi",
        address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode,
        assessmentSummary = "Arvio.", goals = new[] { "Ryhmä" }, requestedStart,
    };

    /// <summary>POSTs <paramref name="body"/> as JSON under a new Idempotency-Key (and If-Match when given) and
    /// returns the answer's JSON, failing with the status and body when the status is not <paramref name="expected"/>.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body,
        HttpStatusCode expected = HttpStatusCode.OK, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        JsonDocument.Parse(await client.GetStringAsync(path)).RootElement;

    /// <summary>The signing links in these mails, each once.</summary>
    public static IEnumerable<string> SigningLinks(IEnumerable<MaildevEmail> mails) =>
        mails.SelectMany(m => SigningLink().Matches(m.Text ?? "").Select(x => x.Value)).Distinct();

    /// <summary>Waits for the one signing link not among <paramref name="known"/> (in the mails <paramref name="mine"/>
    /// keeps, or all).</summary>
    public static async Task<string> NextSigningLinkAsync(MaildevClient maildev, IReadOnlyCollection<string> known,
        Func<IEnumerable<MaildevEmail>, IEnumerable<MaildevEmail>>? mine = null, TimeSpan? timeout = null)
    {
        mine ??= all => all;
        var inbox = await maildev.WaitAsync(all => SigningLinks(mine(all)).Except(known).Any(), timeout ?? TimeSpan.FromSeconds(30));
        return Assert.Single(SigningLinks(mine(inbox)).Except(known));
    }

    /// <summary>The signing page as the signed-in leader of <paramref name="unit"/> sees it.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> OpenSigningLinkAsync(LoopbackHost host, string link, string unit = Unit)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Add("Cookie", SignerSessions.CookieHeaderForSignerOf(host.Services, unit));
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the signed-in leader's browser does: GET the page (session cookie, form check), then POST the
    /// form with "sign" or "return". A session that lasts <paramref name="session"/> (a compressed clock needs long).</summary>
    public static async Task<(HttpStatusCode Status, string Html)> SubmitSigningFormAsync(LoopbackHost host, string link, string decision,
        string comment = "", string unit = Unit, TimeSpan? session = null)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        var (name, value) = SignerSessions.Cookie(host.Services, [$"Signer.{unit}"], lifetime: session);
        handler.CookieContainer.Add(new Uri(link), new Cookie(name, value, "/signing"));
        using var client = new HttpClient(handler);
        var opened = await client.GetAsync(link);
        var page = await opened.Content.ReadAsStringAsync();
        if (opened.StatusCode != HttpStatusCode.OK) return (opened.StatusCode, page);
        var check = WebUtility.HtmlDecode(FormCheck().Match(page).Groups[1].Value);
        var response = await client.PostAsync(link, new FormUrlEncodedContent(
            [new("form-check", check), new("decision", decision), new("comment", comment), new("lang", "fi")]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"https?://[^\s<>""]+/signing/[A-Za-z0-9_-]{43}")]
    private static partial Regex SigningLink();

    [GeneratedRegex("name=\"form-check\" value=\"([^\"]+)\"")]
    private static partial Regex FormCheck();
}
