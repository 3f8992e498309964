using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Referrals.Functions.Text;

namespace Referrals.Functions.Signing;

/// <summary>Fills the signing page templates (Signing/Templates/*.html, embedded). <c>{{name}}</c> is a
/// value or a <c>signing.*</c> text, HTML-encoded; <c>{{{name}}}</c> is trusted markup made by this code.</summary>
public static partial class SigningTemplates
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static string Render(string templateName, string language, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? markup = null)
    {
        var template = Load(templateName);
        return Placeholder().Replace(template, m =>
        {
            if (m.Groups["raw"].Success)
            {
                var name = m.Groups["raw"].Value;
                if (name == "style") return Load("signing.css");
                return markup is not null && markup.TryGetValue(name, out var html) ? html : "";
            }
            var key = m.Groups["name"].Value;
            var value = values.TryGetValue(key, out var v) ? v : ApiTexts.Get(key, language);
            return Encoder.Encode(value);
        });
    }

    public static string Encode(string text) => Encoder.Encode(text);

    public static string Load(string fileName) => Cache.GetOrAdd(fileName, name =>
    {
        var assembly = typeof(SigningTemplates).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Signing.Templates." + name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    });

    [GeneratedRegex(@"\{\{\{(?<raw>[a-zA-Z0-9.\-]+)\}\}\}|\{\{(?<name>[a-zA-Z0-9.\-]+)\}\}")]
    private static partial Regex Placeholder();
}
