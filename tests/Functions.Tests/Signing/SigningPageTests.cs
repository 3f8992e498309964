using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Mail;
using Referrals.Functions.Signing;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Signing;

/// <summary>The leader's signing page over in-memory ports, as a signed-in signer of the unit (a session
/// cookie as the sign-in leaves it): GET never acts, POST needs the anti-forgery token, a link acts once,
/// and expired, tampered, used or superseded links change nothing.</summary>
public sealed partial class SigningPageTests : IDisposable
{
    private readonly ApiFactory factory = new();
    private readonly HttpClient browser;
    private const string Id = "r-sign";

    public SigningPageTests()
    {
        factory.Given(Id, History.AwaitingSignature);
        browser = factory.ClientWith(null);
    }

    /// <summary>A fresh session at the factory's current time (so a test that moves the clock days on still has one).</summary>
    private string session => SignerSessions.CookieHeaderForSignerOf(factory.Services, Actors.Unit);

    public void Dispose() => factory.Dispose();

    private async Task<string> LinkAsync(string outboxRow = "out-0000000001", int version = 1, string referralId = Id)
    {
        var message = new OutgoingMessage(MessageKind.SigningRequested, new Recipient(RecipientRole.Signer, Actors.Unit), referralId,
            ImmutableSortedDictionary<string, string>.Empty.Add("draftVersion", $"{version}"));
        var link = await factory.Services.GetRequiredService<IMessageLinks>().LinkForAsync(message, outboxRow);
        return link.PathAndQuery;
    }

    /// <summary>The events appended to the given history (by the page's commands).</summary>
    private int CommandsRun => factory.Events(Id).Count - History.AwaitingSignature.Length;

    private async Task<(HttpResponseMessage Response, string Html, string? Cookie, string? FormCheck)> OpenAsync(string path, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null) request.Headers.Add("Accept-Language", language);
        request.Headers.Add("Cookie", session);
        var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.First().Split(';')[0] : null;
        var check = FormCheck().Match(html);
        return (response, html, cookie, check.Success ? WebUtility.HtmlDecode(check.Groups[1].Value) : null);
    }

    private async Task<(HttpResponseMessage Response, string Html)> PostAsync(string path, string? cookie, string? formCheck, string decision, string comment = "")
    {
        var fields = new List<KeyValuePair<string, string>> { new("decision", decision), new("comment", comment), new("lang", "fi") };
        if (formCheck is not null) fields.Add(new("form-check", formCheck));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookie is null ? session : $"{session}; {cookie}");
        var response = await browser.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_token_is_random_per_link_and_only_its_hash_is_stored()
    {
        var first = await LinkAsync();
        // 256 random bits: the same outbox row composed again gets another token (nothing derives it).
        Assert.NotEqual(first, await LinkAsync());
        Assert.NotEqual(first, await LinkAsync("out-0000000002"));
        var token = first["/signing/".Length..];
        Assert.Equal(43, token.Length);
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.True(factory.Grants.Grants.ContainsKey(SigningTokens.HashOf(token)));
        Assert.DoesNotContain(factory.Grants.Grants.Values, g => g.TokenHash == token || g.ReferralId.Contains(token, StringComparison.Ordinal));
        var grant = factory.Grants.Grants[SigningTokens.HashOf(token)];
        Assert.Equal((Id, 1, Actors.Unit, TestTime.Now.AddDays(14)), (grant.ReferralId, grant.DraftVersion, grant.SignerUnit, grant.ExpiresAt));
    }

    [Fact]
    public async Task Get_shows_the_draft_and_two_buttons_without_scripts_and_changes_nothing()
    {
        var link = await LinkAsync();
        for (var i = 0; i < 3; i++)
        {
            var (response, html, _, formCheck) = await OpenAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Contains("<html lang=\"fi\">", html, StringComparison.Ordinal);
            Assert.Contains("value=\"sign\"", html, StringComparison.Ordinal);
            Assert.Contains("value=\"return\"", html, StringComparison.Ordinal);
            Assert.Contains("<label for=\"comment\">", html, StringComparison.Ordinal);
            Assert.Contains("srcdoc=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(formCheck);
        }
        Assert.Equal(0, CommandsRun);
    }

    [Theory]
    [InlineData("sv-FI", null, "sv", "Underteckna beslutet")]
    [InlineData("fi", "?lang=sv", "sv", "Underteckna beslutet")]
    [InlineData("sv", "?lang=fi", "fi", "Allekirjoita päätös")]
    [InlineData("en", null, "fi", "Allekirjoita päätös")]
    public async Task The_page_is_in_finnish_or_swedish(string acceptLanguage, string? query, string lang, string signButton)
    {
        var (_, html, _, _) = await OpenAsync(await LinkAsync() + query, acceptLanguage);
        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains(signButton, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_without_the_anti_forgery_token_changes_nothing()
    {
        var link = await LinkAsync();
        var (_, _, cookie, _) = await OpenAsync(link);
        var (response, html) = await PostAsync(link, cookie, formCheck: null, "sign");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Mitään ei muutettu", html, StringComparison.Ordinal);
        var (noCookie, _) = await PostAsync(link, cookie: null, formCheck: "forged", "sign");
        Assert.Equal(HttpStatusCode.BadRequest, noCookie.StatusCode);
        Assert.Equal(0, CommandsRun);
    }

    [Fact]
    public async Task Sign_acts_once_then_the_link_is_refused()
    {
        var link = await LinkAsync();
        var (_, _, cookie, formCheck) = await OpenAsync(link);
        var (signed, html) = await PostAsync(link, cookie, formCheck, "sign");
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Contains("Päätös on allekirjoitettu", html, StringComparison.Ordinal);
        Assert.Equal("no-store", signed.Headers.CacheControl?.ToString());
        Assert.Equal(1, CommandsRun);
        var signedEvent = Assert.IsType<DecisionSigned>(factory.Events(Id)[^1]);
        Assert.Equal(1, signedEvent.DraftVersion);
        Assert.Equal((SignerSessions.ObjectId, Role.Signer, Actors.Unit), (signedEvent.By.UserId, signedEvent.By.Role, signedEvent.By.Unit));
        Assert.Equal((SignerSessions.Name, SignerSessions.Title), (signedEvent.SignerName, signedEvent.SignerTitle));
        Assert.Equal(ReferralStatus.AwaitingServiceStart, factory.State(Id).Status);
        Assert.True(factory.Documents.Decisions.ContainsKey($"{Id}/1"));

        var (again, againHtml, _, _) = await OpenAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Linkki on jo käytetty", againHtml, StringComparison.Ordinal);
        var (repost, _) = await PostAsync(link, cookie, formCheck, "sign");
        Assert.Equal(HttpStatusCode.Gone, repost.StatusCode);
        Assert.Equal(1, CommandsRun);
    }

    [Fact]
    public async Task Return_needs_a_comment_and_then_returns_the_draft()
    {
        var link = await LinkAsync();
        var (_, _, cookie, formCheck) = await OpenAsync(link);
        var (missing, missingHtml) = await PostAsync(link, cookie, formCheck, "return", "  ");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("role=\"alert\"", missingHtml, StringComparison.Ordinal);
        Assert.Equal(0, CommandsRun);

        var (returned, html) = await PostAsync(link, cookie, formCheck, "return", "Perustelut puuttuvat");
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Contains("Luonnos on palautettu", html, StringComparison.Ordinal);
        Assert.Equal(1, CommandsRun);
        var returnedEvent = Assert.IsType<DecisionReturned>(factory.Events(Id)[^1]);
        Assert.Equal((1, "Perustelut puuttuvat"), (returnedEvent.DraftVersion, returnedEvent.Comment));
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var link = await LinkAsync();
        var (_, _, cookie, formCheck) = await OpenAsync(link);
        factory.Time.Advance(TimeSpan.FromDays(14));
        var (response, html, _, _) = await OpenAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Linkki on vanhentunut", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(link, cookie, formCheck, "sign")).Response.StatusCode);
        Assert.Equal(0, CommandsRun);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("short")]
    public async Task A_tampered_link_is_refused(string change)
    {
        var link = await LinkAsync();
        var tampered = change == "x" ? link[..^1] + (link[^1] == 'x' ? 'y' : 'x') : "/signing/short";
        var (response, html, _, _) = await OpenAsync(tampered);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Linkki ei kelpaa", html, StringComparison.Ordinal);
        Assert.Equal(0, CommandsRun);
    }

    [Fact]
    public async Task A_link_to_an_older_draft_is_superseded()
    {
        // The signer returned the first draft and the case owner drafted again: a link to draft 1 is superseded.
        const string redrafted = "r-redrafted";
        ReferralEvent[] history =
        [
            .. History.AwaitingSignature,
            History.Stamp(new DecisionReturned(1, "Perustelut puuttuvat"), 4, Actors.Signer),
            History.Stamp(new DecisionDrafted(2, History.GrantingDraft), 5, Actors.Worker),
        ];
        factory.Given(redrafted, history);
        var link = await LinkAsync(version: 1, referralId: redrafted);
        var (response, html, _, _) = await OpenAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Luonnos on muuttunut", html, StringComparison.Ordinal);
        Assert.Equal(history.Length, factory.Events(redrafted).Count);
    }

    [GeneratedRegex("name=\"form-check\" value=\"([^\"]+)\"")]
    private static partial Regex FormCheck();
}

/// <summary>The link is a second factor: only a signed-in signer of the link's unit sees the draft and can sign;
/// anyone else (signed in as someone else, or not at all, as a mail scanner's GET) sees no client data.</summary>
public sealed partial class SignedInSignerTests : IDisposable
{
    private readonly ApiFactory factory = new();
    private const string Id = "r-prod";

    public SignedInSignerTests()
    {
        factory.Given(Id, History.AwaitingSignature);
    }

    /// <summary>Nothing was appended to the given history.</summary>
    private void NothingRun() => Assert.Equal(History.AwaitingSignature.Length, factory.Events(Id).Count);

    public void Dispose() => factory.Dispose();

    private async Task<string> LinkAsync()
    {
        var message = new OutgoingMessage(MessageKind.SigningRequested, new Recipient(RecipientRole.Signer, Actors.Unit), Id,
            ImmutableSortedDictionary<string, string>.Empty.Add("draftVersion", "1"));
        return (await factory.Services.GetRequiredService<IMessageLinks>().LinkForAsync(message, "out-1")).PathAndQuery;
    }

    [Fact]
    public async Task Without_a_session_the_page_sends_to_sign_in_shows_no_client_data_and_consumes_nothing()
    {
        var link = await LinkAsync();
        var token = link["/signing/".Length..];
        // A bearer token of a signer is the API's, not the page's: still sent to sign in.
        foreach (var client in new[] { factory.ClientWith(null), factory.ClientAs(Role.Signer, Actors.Unit) })
        {
            var page = await client.GetAsync(link);
            Assert.True(HttpStatusCode.Redirect == page.StatusCode, string.Join("\n", factory.Logs.Lines.Where(l => l.StartsWith("Error") || l.StartsWith("Warn"))));
            var location = page.Headers.Location!;
            Assert.StartsWith(LocalOidc.Url + "/auth?", location.ToString(), StringComparison.Ordinal);
            // The token reaches the provider only inside the protected state, never in clear.
            Assert.DoesNotContain(token, location.ToString(), StringComparison.Ordinal);
            Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
            var body = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain("srcdoc", body, StringComparison.Ordinal);

            var post = await client.PostAsync(link, new FormUrlEncodedContent([new("decision", "sign"), new("form-check", "x")]));
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        }
        NothingRun();
        Assert.Empty(factory.AccessLog.Records);
        Assert.Null(factory.Grants.Grants[SigningTokens.HashOf(token)].UsedAt);
    }

    [Theory]
    [InlineData("Signer.vantaa-youth-social-work")]
    [InlineData("ReferringWorker.vantaa-adult-social-work")]
    [InlineData("Signer")]
    [InlineData("Signervantaa-adult-social-work")]
    public async Task Someone_signed_in_who_is_not_a_signer_of_the_unit_sees_no_client_data_and_cannot_sign(string role)
    {
        var link = await LinkAsync();
        var (name, value) = SignerSessions.Cookie(factory.Services, [role], objectId: "oid-someone-else", name: "Joku Muu");
        var client = factory.ClientWith(null);
        using var get = new HttpRequestMessage(HttpMethod.Get, link);
        get.Headers.Add("Cookie", $"{name}={value}");
        var page = await client.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Et voi allekirjoittaa tätä päätöstä", html, StringComparison.Ordinal);
        Assert.DoesNotContain("srcdoc", html, StringComparison.Ordinal);
        Assert.DoesNotContain("form-check", html, StringComparison.Ordinal);

        // Even with a form check taken from the real signer's page, the POST is refused.
        var signer = SignerSessions.CookieHeaderForSignerOf(factory.Services, Actors.Unit);
        using var real = new HttpRequestMessage(HttpMethod.Get, link);
        real.Headers.Add("Cookie", signer);
        var realPage = await client.SendAsync(real);
        var antiforgery = realPage.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("referrals-signing=", StringComparison.Ordinal)).Split(';')[0];
        var check = WebUtility.HtmlDecode(FormCheck().Match(await realPage.Content.ReadAsStringAsync()).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, link)
        {
            Content = new FormUrlEncodedContent([new("decision", "sign"), new("form-check", check)]),
        };
        post.Headers.Add("Cookie", $"{name}={value}; {antiforgery}");
        var response = await client.SendAsync(post);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        NothingRun();
        Assert.DoesNotContain(factory.AccessLog.Records, r => r.UserId == "oid-someone-else");
    }

    [Fact]
    public async Task Every_view_of_the_draft_is_access_logged_with_the_signer_and_the_route_template()
    {
        var link = await LinkAsync();
        var client = factory.ClientWith(null);
        for (var i = 0; i < 2; i++)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, link);
            get.Headers.Add("Cookie", SignerSessions.CookieHeaderForSignerOf(factory.Services, Actors.Unit));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(get)).StatusCode);
        }
        var rows = factory.AccessLog.Records.Where(r => r.ReferralId == Id).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((SignerSessions.ObjectId, "Signer", Actors.Unit, "GET /signing/{token}"), (r.UserId, r.Role, r.Unit, r.Route)));
    }

    [Fact]
    public async Task An_expired_session_is_sent_to_sign_in_again_and_nothing_is_signed()
    {
        var link = await LinkAsync();
        var session = SignerSessions.CookieHeaderForSignerOf(factory.Services, Actors.Unit);
        var client = factory.ClientWith(null);
        using var get = new HttpRequestMessage(HttpMethod.Get, link);
        get.Headers.Add("Cookie", session);
        var page = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("referrals-signing=", StringComparison.Ordinal)).Split(';')[0];
        var check = WebUtility.HtmlDecode(FormCheck().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);

        factory.Time.Advance(TimeSpan.FromMinutes(factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignerSignInOptions>>().Value.SessionMinutes + 1));
        using var post = new HttpRequestMessage(HttpMethod.Post, link)
        {
            Content = new FormUrlEncodedContent([new("decision", "sign"), new("form-check", check)]),
        };
        post.Headers.Add("Cookie", $"{session}; {antiforgery}");
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(LocalOidc.Url, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        NothingRun();
    }

    [GeneratedRegex("name=\"form-check\" value=\"([^\"]+)\"")]
    private static partial Regex FormCheck();
}
