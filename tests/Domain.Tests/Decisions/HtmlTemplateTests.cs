using Referrals.Domain.Decisions;

namespace Referrals.Domain.Tests.Decisions;

public class HtmlTemplateTests
{
    private static string Render(string template, TemplateValues values) => new HtmlTemplate(template).Render(values);

    [Fact]
    public void Values_are_escaped_and_markup_is_not()
    {
        var values = new TemplateValues().With("v", "<i>").WithMarkup("m", "<i>");
        Assert.Equal("a &lt;i&gt; b <i> c", Render("a {{v}} b {{{m}}} c", values));
    }

    [Theory]
    [InlineData(true, "[yes]")]
    [InlineData(false, "[no]")]
    public void Sections_and_inverted_sections(bool flag, string expected) =>
        Assert.Equal(expected, Render("[{{#f}}yes{{/f}}{{^f}}no{{/f}}]", new TemplateValues().WithFlag("f", flag)));

    [Fact]
    public void Sections_of_different_flags_nest()
    {
        var values = new TemplateValues().WithFlag("a", true).WithFlag("b", false).With("x", "X");
        Assert.Equal("<X->", Render("<{{#a}}{{x}}{{^b}}-{{/b}}{{/a}}>", values));
    }

    [Fact]
    public void CRLF_in_a_template_renders_as_LF() =>
        Assert.Equal("a\nb\n", Render("a\r\nb\r\n", new TemplateValues()));

    [Theory]
    [InlineData("{{missing}}")]
    [InlineData("{{{missing}}}")]
    [InlineData("{{#missing}}x{{/missing}}")]
    [InlineData("{{#f}}never closed")]
    [InlineData("{{unclosed")]
    public void A_broken_template_is_a_bug_and_says_so(string template) =>
        Assert.Throws<InvalidOperationException>(() => Render(template, new TemplateValues().WithFlag("f", true)));
}
