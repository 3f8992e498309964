using Microsoft.Playwright;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless, for the browser tests: never a browser that Playwright downloads,
/// and with the flags that keep it off the network on this closed machine.</summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Timeout = 30_000,
        });

    /// <summary>A page without JavaScript (the signing page must work without it), with generous waits: the
    /// machine may be busy, and each wait still ends the test if the page never comes.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, string locale)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = locale, JavaScriptEnabled = false });
        page.SetDefaultTimeout(45_000);
        page.SetDefaultNavigationTimeout(45_000);
        return page;
    }

    /// <summary>Presses a form's button from the keyboard (focus, Enter). A pointer click on the signing page
    /// can land where the button was before the draft's frame finished its layout, and the press is lost.</summary>
    public static async Task PressAsync(Microsoft.Playwright.ILocator button)
    {
        await button.FocusAsync();
        await button.PressAsync("Enter");
    }
}
