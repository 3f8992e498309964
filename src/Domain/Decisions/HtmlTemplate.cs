using System.Text;

namespace Referrals.Domain.Decisions;

/// <summary>The one template language of the product (decisions, the signing page, mail), deliberately
/// tiny so that a document's bytes do not vary: {{name}} inserts a value, HTML-escaped ({{{name}}} inserts
/// markup the renderer built itself), {{#flag}}…{{/flag}} keeps its body when the flag is true and
/// {{^flag}}…{{/flag}} when false (a flag does not nest inside itself). One pass, so a value that happens
/// to contain "{{" is text, never a tag. An unknown name is a bug in a template and throws, unless the
/// values name a fallback (the signing page's texts). <see cref="PlainText"/> is the same language for
/// plain-text mail: values are inserted as they are.</summary>
public sealed class HtmlTemplate
{
    private readonly string text;
    private readonly bool escape;

    public HtmlTemplate(string text) : this(text, escape: true)
    {
    }

    private HtmlTemplate(string text, bool escape)
    {
        // Line endings are normalised so that a checkout with CRLF renders the same bytes.
        this.text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        this.escape = escape;
    }

    /// <summary>A template for plain text (mail): the same tags; values are not HTML-escaped.</summary>
    public static HtmlTemplate PlainText(string text) => new(text, escape: false);

    public string Render(TemplateValues values)
    {
        var output = new StringBuilder(text.Length * 2);
        RenderInto(output, text, values);
        return output.ToString();
    }

    private void RenderInto(StringBuilder output, string t, TemplateValues values)
    {
        var i = 0;
        while (true)
        {
            var open = t.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                output.Append(t, i, t.Length - i);
                return;
            }
            output.Append(t, i, open - i);
            if (t.AsSpan(open).StartsWith("{{{"))
            {
                var close = ClosingAt(t, "}}}", open);
                output.Append(values.Markup(t[(open + 3)..close].Trim()));
                i = close + 3;
                continue;
            }
            var end = ClosingAt(t, "}}", open);
            var tag = t[(open + 2)..end].Trim();
            if (tag.Length > 1 && tag[0] is '#' or '^')
            {
                var name = tag[1..].Trim();
                var closeTag = "{{/" + name + "}}";
                var closeAt = t.IndexOf(closeTag, end + 2, StringComparison.Ordinal);
                if (closeAt < 0) throw new InvalidOperationException($"Template section '{name}' is not closed.");
                if (values.Flag(name) == (tag[0] == '#')) RenderInto(output, t[(end + 2)..closeAt], values);
                i = closeAt + closeTag.Length;
                continue;
            }
            output.Append(escape ? Escape(values.Text(tag)) : values.Text(tag));
            i = end + 2;
        }
    }

    private static int ClosingAt(string t, string closing, int open) =>
        t.IndexOf(closing, open, StringComparison.Ordinal) is var at and >= 0
            ? at
            : throw new InvalidOperationException($"Template tag at {open} is not closed.");

    /// <summary>Escapes the five characters that matter in HTML text and attributes, and drops control
    /// characters other than line feed and tab. Letters such as ä, å and ö stay as they are.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\n' or '\t': sb.Append(c); break;
                case < ' ' or '\u007f': break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}

/// <summary>The values a template may use. Everything is a string or a flag by the time it gets
/// here: formatting happens once, in the renderer, with invariant rules.</summary>
public sealed class TemplateValues
{
    private Func<string, string>? textFallback;
    private Func<string, string>? markupFallback;

    /// <summary>Where a name that is not set is looked up (e.g. the page's texts) instead of throwing.</summary>
    public TemplateValues WithFallback(Func<string, string> text, Func<string, string>? markup = null)
    {
        textFallback = text;
        markupFallback = markup;
        return this;
    }

    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> markup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> flags = new(StringComparer.Ordinal);

    public TemplateValues With(string name, string? value)
    {
        texts[name] = value ?? "";
        return this;
    }

    public TemplateValues WithMarkup(string name, string html)
    {
        markup[name] = html;
        return this;
    }

    public TemplateValues WithFlag(string name, bool value)
    {
        flags[name] = value;
        return this;
    }

    public string Text(string name) =>
        texts.TryGetValue(name, out var v) ? v
        : textFallback is not null ? textFallback(name)
        : throw new InvalidOperationException($"Template value '{name}' is not set.");

    public string Markup(string name) =>
        markup.TryGetValue(name, out var v) ? v
        : markupFallback is not null ? markupFallback(name)
        : throw new InvalidOperationException($"Template markup '{name}' is not set.");

    public bool Flag(string name) =>
        flags.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"Template flag '{name}' is not set.");
}
