using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Functions.Mail;
using Referrals.Functions.Signing;
using Referrals.Functions.Tests.Api;

namespace Referrals.Functions.Tests.Signing;

/// <summary>The leader's signing page over in-memory ports: GET never acts, POST needs the anti-forgery
/// token, a link acts once, and expired, tampered, used or superseded links change nothing.</summary>
public sealed partial class SigningPageTests : IDisposable
{
    private readonly ApiFactory factory = new();
    private readonly HttpClient browser;
    private const string Id = "r-sign";

    public SigningPageTests()
    {
        factory.Referrals.Seed(Id, "unit-a", "body-a", ReferralStatus.AwaitingSignature, draftVersion: 1);
        browser = factory.ClientWith(null);
    }

    public void Dispose() => factory.Dispose();

    private async Task<string> LinkAsync(string outboxRow = "out-0000000001", int version = 1, string referralId = Id)
    {
        var message = new OutgoingMessage(MessageKind.SigningRequested, new Recipient(RecipientRole.Signer, "unit-a"), referralId,
            ImmutableSortedDictionary<string, string>.Empty.Add("draftVersion", $"{version}"));
        var link = await factory.Services.GetRequiredService<IMessageLinks>().LinkForAsync(message, outboxRow);
        return link.PathAndQuery;
    }

    private int CommandsRun => factory.Referrals.Executed.Count(e => e.Id == Id);

    private async Task<(HttpResponseMessage Response, string Html, string? Cookie, string? FormCheck)> OpenAsync(string path, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null) request.Headers.Add("Accept-Language", language);
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
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var response = await browser.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_link_is_stable_per_outbox_row_and_only_its_hash_is_stored()
    {
        var first = await LinkAsync();
        Assert.Equal(first, await LinkAsync());
        Assert.NotEqual(first, await LinkAsync("out-0000000002"));
        factory.Referrals.Seed("r-other-referral", "unit-a", "body-a", ReferralStatus.AwaitingSignature, draftVersion: 1);
        Assert.NotEqual(first, await LinkAsync(referralId: "r-other-referral"));
        var token = first["/signing/".Length..];
        Assert.Equal(43, token.Length);
        Assert.True(factory.Grants.Grants.ContainsKey(SigningTokens.HashOf(token)));
        Assert.DoesNotContain(factory.Grants.Grants.Values, g => g.TokenHash == token || g.ReferralId.Contains(token, StringComparison.Ordinal));
        var grant = factory.Grants.Grants[SigningTokens.HashOf(token)];
        Assert.Equal((Id, 1, "unit-a", FakeReferrals.Now.AddDays(14)), (grant.ReferralId, grant.DraftVersion, grant.SignerUnit, grant.ExpiresAt));
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
        var command = Assert.IsType<SignDecision>(factory.Referrals.Executed.Single(e => e.Id == Id).Command);
        Assert.Equal(1, command.DraftVersion);
        Assert.Equal((Role.Signer, "unit-a"), (command.By.Role, command.By.Unit));
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
        var command = Assert.IsType<ReturnDecision>(factory.Referrals.Executed.Single(e => e.Id == Id).Command);
        Assert.Equal("Perustelut puuttuvat", command.Comment);
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
        var link = await LinkAsync();
        factory.Referrals.States[Id] = factory.Referrals.States[Id] with { DraftVersion = 2, Version = 5 };
        var (response, html, _, _) = await OpenAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Luonnos on muuttunut", html, StringComparison.Ordinal);
        Assert.Equal(0, CommandsRun);
    }

    [GeneratedRegex("name=\"form-check\" value=\"([^\"]+)\"")]
    private static partial Regex FormCheck();
}

/// <summary>Production configuration: the link alone is not enough, the signed-in leader of the unit must press the button.</summary>
public sealed partial class SignedInSignerTests : IDisposable
{
    private readonly ApiFactory factory = new();

    public SignedInSignerTests()
    {
        factory.Extra = services => services.Configure<SigningOptions>(o => o.RequireSignedInSigner = true);
        factory.Referrals.Seed("r-prod", "unit-a", "body-a", ReferralStatus.AwaitingSignature, draftVersion: 1);
    }

    public void Dispose() => factory.Dispose();

    [Theory]
    [InlineData(null, null, HttpStatusCode.Forbidden)]
    [InlineData(Role.Signer, "unit-b", HttpStatusCode.Forbidden)]
    [InlineData(Role.ReferringWorker, "unit-a", HttpStatusCode.Forbidden)]
    [InlineData(Role.Signer, "unit-a", HttpStatusCode.OK)]
    public async Task Only_the_signed_in_signer_of_the_unit_can_sign(Role? role, string? unit, HttpStatusCode expected)
    {
        var message = new OutgoingMessage(MessageKind.SigningRequested, new Recipient(RecipientRole.Signer, "unit-a"), "r-prod",
            ImmutableSortedDictionary<string, string>.Empty.Add("draftVersion", "1"));
        var link = (await factory.Services.GetRequiredService<IMessageLinks>().LinkForAsync(message, "out-1")).PathAndQuery;
        var browser = factory.ClientWith(role is null ? null : factory.Token("leader-1", role.Value, unit!));
        var page = await browser.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        var cookie = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var check = WebUtility.HtmlDecode(FormCheck().Match(html).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, link)
        {
            Content = new FormUrlEncodedContent([new("decision", "sign"), new("form-check", check)]),
        };
        post.Headers.Add("Cookie", cookie);
        var response = await browser.SendAsync(post);
        Assert.Equal(expected, response.StatusCode);
        var executed = factory.Referrals.Executed.Where(e => e.Id == "r-prod").ToList();
        if (expected == HttpStatusCode.OK) Assert.Equal("leader-1", Assert.Single(executed).Command.By.UserId);
        else Assert.Empty(executed);
    }

    [GeneratedRegex("name=\"form-check\" value=\"([^\"]+)\"")]
    private static partial Regex FormCheck();
}
