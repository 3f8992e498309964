using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Mail;
using Referrals.Functions.Signing;
using Microsoft.Extensions.Time.Testing;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.Hosts;

using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Signing;

/// <summary>The signing page in Chromium without JavaScript, signing in at the local OpenID Connect provider
/// (scripts/dev-oidc, users.json): by keyboard only, in Swedish; the wrong person; a mail scanner's GET; an
/// expired session.</summary>
public sealed class SigningPageBrowserTests : IDisposable
{
    /// <summary>Moved past the session's end by one test; nothing runs behind the requests, so the
    /// given referral moves only by what the page does.</summary>
    private readonly FakeTimeProvider time = new(TestTime.Now);
    private readonly LoopbackHost host;

    public SigningPageBrowserTests() => host = new LoopbackHost(SharedDevServices.Instance) { Clock = false, Time = time };

    public void Dispose() => host.Dispose();

    /// <summary>The local provider's signer of <see cref="Actors.Unit"/> (scripts/dev-oidc/users.json: a signer of that unit only).</summary>
    private const string UnitSigner = "sijainen";

    /// <summary>A referral awaiting the signature of <see cref="Actors.Unit"/>'s signer.</summary>
    private Task<string> GivenAsync() => host.GivenAsync(History.AwaitingSignature);

    /// <summary>Nothing was appended to the given history.</summary>
    private async Task NothingRunAsync(string id) => Assert.Equal(History.AwaitingSignature.Length, (await host.EventsAsync(id)).Count);

    private async Task<Uri> LinkAsync(string referralId)
    {
        var message = new OutgoingMessage(MessageKind.SigningRequested, new Recipient(RecipientRole.Signer, Actors.Unit), referralId,
            ImmutableSortedDictionary<string, string>.Empty.Add("draftVersion", "1"));
        return new Uri(host.BaseAddress, (await host.Services.GetRequiredService<IMessageLinks>().LinkForAsync(message, "out-1")).PathAndQuery);
    }

    /// <summary>Opens the link, is sent to the provider's login page, signs in there and comes back.</summary>
    private static async Task<IResponse> SignInThroughAsync(IPage page, Uri link, string login)
    {
        await page.GotoAsync(link.ToString());
        Assert.StartsWith(LocalOidc.Url, page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Käyttäjätunnus").FillAsync(login);
        await page.GetByLabel("Salasana").FillAsync(login);
        try
        {
            var response = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Kirjaudu" }).ClickAsync(),
                response => response.Url.StartsWith(link.ToString(), StringComparison.Ordinal));
            // The page is in place before anyone acts on it (a press while it still loads is lost).
            await page.WaitForLoadStateAsync(LoadState.Load);
            return response;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nat {page.Url}\n{await page.ContentAsync()}", e);
        }
    }

    [Fact]
    public async Task A_scanners_get_without_a_session_sees_no_client_data_and_the_leader_can_still_sign()
    {
        var id = await GivenAsync();
        var link = await LinkAsync(id);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);

        var scanner = await DebianChromium.NewPageAsync(browser, "fi-FI");
        var answer = await scanner.GotoAsync(link.ToString());
        Assert.StartsWith(LocalOidc.Url, scanner.Url, StringComparison.Ordinal);
        Assert.Equal(0, await scanner.Locator("iframe").CountAsync());
        Assert.DoesNotContain(id, await scanner.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.AccessRecordsAsync(id));
        var grant = await host.Services.GetRequiredService<ISigningGrants>().FindAsync(SigningTokens.HashOf(link.Segments[^1]));
        Assert.NotNull(grant);
        Assert.Null(grant.UsedAt);
        Assert.NotNull(answer);

        var leader = await DebianChromium.NewPageAsync(browser, "fi-FI");
        Assert.Equal(200, (await SignInThroughAsync(leader, link, UnitSigner)).Status);
        await DebianChromium.PressAsync(leader.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allekirjoita päätös" }));
        await leader.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Päätös on allekirjoitettu" }).WaitForAsync();
        var signed = Assert.IsType<DecisionSigned>((await host.EventsAsync(id))[^1]);
        Assert.Equal(History.AwaitingSignature.Length + 1, (await host.EventsAsync(id)).Count);
        Assert.Equal(("7d0c1e0a-0000-4000-8000-000000000002", "Sami Sijainen", "Johtavan sosiaalityöntekijän sijainen"),
            (signed.By.UserId, signed.SignerName, signed.SignerTitle));
    }

    [Fact]
    public async Task The_wrong_person_signed_in_sees_no_client_data_and_cannot_sign()
    {
        var id = await GivenAsync();
        var link = await LinkAsync(id);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await DebianChromium.NewPageAsync(browser, "fi-FI");

        // signer-b signs for another unit only.
        var answer = await SignInThroughAsync(page, link, "signer-b");
        Assert.Equal(403, answer.Status);
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Et voi allekirjoittaa tätä päätöstä" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("iframe").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button).CountAsync());
        // A hand-made POST with this session is refused too.
        var post = await page.Context.APIRequest.PostAsync(link.ToString(), new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData().Set("decision", "sign").Set("form-check", "x"),
            MaxRedirects = 0,
        });
        Assert.InRange(post.Status, 400, 403);
        await NothingRunAsync(id);
        Assert.Empty(await host.AccessRecordsAsync(id));
    }

    [Fact]
    public async Task An_expired_session_is_sent_to_sign_in_again_and_nothing_is_signed()
    {
        var id = await GivenAsync();
        var link = await LinkAsync(id);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await DebianChromium.NewPageAsync(browser, "fi-FI");
        Assert.Equal(200, (await SignInThroughAsync(page, link, UnitSigner)).Status);

        // The leader leaves the page open past the session's end, then presses Sign.
        time.Advance(TimeSpan.FromMinutes(host.Services.GetRequiredService<IOptions<SignerSignInOptions>>().Value.SessionMinutes + 1));
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // (only the requests from the press on)
        page.Request += (_, r) => requests.Enqueue($"{r.Method} {r.Url}");
        await DebianChromium.PressAsync(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allekirjoita päätös" }));
        // Sent to the provider's login page; the press did nothing.
        try { await page.GetByLabel("Käyttäjätunnus").WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 }); }
        catch (TimeoutException e) { throw new TimeoutException($"{page.Url}\n{string.Join("\n", requests)}", e); }
        Assert.StartsWith(LocalOidc.Url, page.Url, StringComparison.Ordinal);
        Assert.StartsWith("POST " + link, requests.First(), StringComparison.Ordinal);
        await NothingRunAsync(id);

        // Signed in again, the leader is back on the page and decides anew.
        await page.GetByLabel("Käyttäjätunnus").FillAsync(UnitSigner);
        await page.GetByLabel("Salasana").FillAsync(UnitSigner);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Kirjaudu" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allekirjoita päätös" }).WaitForAsync();
        Assert.StartsWith(link.ToString(), page.Url, StringComparison.Ordinal);
        await NothingRunAsync(id);
    }

    [Fact]
    public async Task A_keyboard_user_can_return_the_draft_in_swedish()
    {
        var id = await GivenAsync();
        var link = await LinkAsync(id);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await DebianChromium.NewPageAsync(browser, "sv-FI");
        Assert.Equal(200, (await SignInThroughAsync(page, link, UnitSigner)).Status);
        Assert.Equal("sv", await page.Locator("html").GetAttributeAsync("lang"));
        // The draft's frame must have laid out first: under load, a Tab pressed while it loads lands on the body (a full CI run did).
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.Locator("iframe").First.ContentFrame.Locator("body").WaitForAsync();

        var focused = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.tagName + ':' + (e.id || e.textContent.trim()); }"));
        }
        var sign = focused.IndexOf("BUTTON:Underteckna beslutet");
        var comment = focused.IndexOf("TEXTAREA:comment");
        var giveBack = focused.IndexOf("BUTTON:Returnera utkastet");
        Assert.True(sign >= 0 && sign < comment && comment < giveBack, string.Join(" → ", focused));
        Assert.Equal("Kommentar till beredaren", await page.GetByLabel("Kommentar till beredaren").EvaluateAsync<string>("e => e.labels[0].textContent"));

        await page.GetByLabel("Kommentar till beredaren").FocusAsync();
        await page.Keyboard.TypeAsync("Motiveringen saknas.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Utkastet är returnerat" }).WaitForAsync();
        var returned = Assert.IsType<DecisionReturned>((await host.EventsAsync(id))[^1]);
        Assert.Equal(History.AwaitingSignature.Length + 1, (await host.EventsAsync(id)).Count);
        Assert.Equal("Motiveringen saknas.", returned.Comment);
    }
}
