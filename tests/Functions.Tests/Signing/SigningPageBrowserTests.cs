using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Functions.Mail;
using Referrals.Functions.Tests.Api;

using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Signing;

/// <summary>The signing page in Chromium without JavaScript, by keyboard only, in Swedish: the focus
/// moves language links → Sign → comment → Return, and Return works from the keyboard.</summary>
public sealed class SigningPageBrowserTests : IDisposable
{
    private readonly ApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task A_keyboard_user_can_return_the_draft_in_swedish()
    {
        factory.Referrals.Seed("r-kbd", "unit-a", "body-a", ReferralStatus.AwaitingSignature, draftVersion: 1);
        var baseUri = factory.StartOnLoopback();
        var message = new OutgoingMessage(MessageKind.SigningRequested, new Recipient(RecipientRole.Signer, "unit-a"), "r-kbd",
            ImmutableSortedDictionary<string, string>.Empty.Add("draftVersion", "1"));
        var link = new Uri(baseUri, (await factory.Services.GetRequiredService<IMessageLinks>().LinkForAsync(message, "out-kbd")).PathAndQuery);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await DebianChromium.NewPageAsync(browser, "sv-FI");
        await page.GotoAsync(link.ToString());
        Assert.Equal("sv", await page.Locator("html").GetAttributeAsync("lang"));

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
        var returned = Assert.IsType<ReturnDecision>(Assert.Single(factory.Referrals.Executed, e => e.Id == "r-kbd").Command);
        Assert.Equal("Motiveringen saknas.", returned.Comment);
    }
}
