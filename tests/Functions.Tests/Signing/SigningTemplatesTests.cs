using Referrals.Functions.Signing;
using Referrals.Functions.Text;

namespace Referrals.Functions.Tests.Signing;

/// <summary>The signing page is filled by the product's one template language: values are HTML-escaped,
/// a name with no value is the page's text in the page's language, the stylesheet is inlined.</summary>
public sealed class SigningTemplatesTests
{
    [Theory]
    [InlineData("fi")]
    [InlineData("sv")]
    public void Values_are_escaped_and_texts_fill_the_rest(string language)
    {
        var html = SigningTemplates.Render("signing-page.html", language, new Dictionary<string, string>
        {
            ["lang"] = language, ["document"] = "<script>alert(1)</script>", ["action"] = "/signing/t?a=1&b=2",
            ["antiforgeryField"] = "form-check", ["antiforgeryToken"] = "\"tok\"",
        });
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("/signing/t?a=1&amp;b=2", html, StringComparison.Ordinal);
        Assert.Contains(ApiTexts.Get("signing.sign", language), html, StringComparison.Ordinal);
        Assert.Contains(SigningTemplates.Load("signing.css").Trim()[..20], html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }
}
