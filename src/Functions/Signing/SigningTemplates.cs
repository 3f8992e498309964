using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Referrals.Domain.Decisions;
using Referrals.Functions.Text;

namespace Referrals.Functions.Signing;

/// <summary>Fills the signing page templates (Signing/Templates/*.html, embedded) with the product's one
/// template language (<see cref="HtmlTemplate"/>): <c>{{name}}</c> is a value or, when no value has that
/// name, a <c>signing.*</c> text, HTML-escaped; <c>{{{name}}}</c> is trusted markup made by this code
/// (<c>{{{style}}}</c> the page's stylesheet), empty when not given.</summary>
internal static class SigningTemplates
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly ConcurrentDictionary<string, HtmlTemplate> Templates = new();

    public static string Render(string templateName, string language, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? markup = null)
    {
        var template = Templates.GetOrAdd(templateName, name => new HtmlTemplate(Load(name)));
        var filled = new TemplateValues()
            .WithFallback(key => ApiTexts.Get(key, language), _ => "")
            .WithMarkup("style", Load("signing.css"));
        foreach (var (name, value) in values) filled.With(name, value);
        foreach (var (name, html) in markup ?? new Dictionary<string, string>()) filled.WithMarkup(name, html);
        return template.Render(filled);
    }

    public static string Encode(string text) => Encoder.Encode(text);

    public static string Load(string fileName) => EmbeddedFiles.Template("Signing", fileName);
}
