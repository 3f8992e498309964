using System.Collections.Frozen;
using Referrals.Domain;
using Referrals.Domain.Decisions;
using Referrals.Domain.Notifications;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Text;

namespace Referrals.Functions.Mail;

/// <summary>The mail texts, Finnish with Swedish beside it, embedded from Mail/Templates/{MessageKind}.txt
/// ("Subject: …", a blank line, the body); a mail to one person in their language (the client) from
/// {MessageKind}.fi.txt / .sv.txt. Placeholders: {{link}}, {{reminder.fi}}, {{reminder.sv}} (the
/// timerKind parameter's wording, <c>timer.{kind}</c> in the Domain's texts, the one home of reminder wording)
/// and the message's own (non-personal) parameters by name, in the one template language
/// (<see cref="HtmlTemplate.PlainText"/>). Mail carries links, never client data.</summary>
internal sealed class MailTemplates
{
    private readonly FrozenDictionary<MessageKind, (HtmlTemplate Subject, HtmlTemplate Body)> templates;
    /// <summary>Mails to one person in their language (the client: {MessageKind}.fi.txt / .sv.txt).</summary>
    private readonly FrozenDictionary<(MessageKind, string), (HtmlTemplate Subject, HtmlTemplate Body)> inLanguage;

    public MailTemplates()
    {
        templates = Enum.GetValues<MessageKind>().ToFrozenDictionary(kind => kind, kind => Parse(Read(kind + ".txt", kind + ".fi.txt")));
        inLanguage = Enum.GetValues<MessageKind>()
            .SelectMany(kind => new[] { "fi", "sv" }.Select(language => (kind, language)))
            .Where(k => Find($"{k.kind}.{k.language}.txt") is not null)
            .ToFrozenDictionary(k => (k.kind, k.language), k => Parse(Read($"{k.kind}.{k.language}.txt")));
    }

    public (string Subject, string Body) Render(OutgoingMessage message, Uri link) => Render(message, link, language: null);

    /// <summary>In <paramref name="language"/> (fi/sv) where the kind has a template in it, else the bilingual one.</summary>
    public (string Subject, string Body) Render(OutgoingMessage message, Uri link, string? language)
    {
        var (subject, body) = language is not null && inLanguage.TryGetValue((message.Kind, language), out var one) ? one : templates[message.Kind];
        var values = new TemplateValues();
        foreach (var (name, value) in message.Parameters) values.With(name, value);
        values.With("link", link.AbsoluteUri);
        var key = message.Parameters.TryGetValue("timerKind", out var kindName) && Enum.TryParse<TimerKind>(kindName, out var timerKind)
            ? $"timer.{timerKind}"
            : "timer.unknown";
        values.With("reminder.fi", Texts.Get(key, "fi")).With("reminder.sv", Texts.Get(key, "sv"));
        return (subject.Render(values), body.Render(values));
    }

    /// <summary>Plain text in the one template language (<see cref="HtmlTemplate.PlainText"/>).</summary>
    private static (HtmlTemplate Subject, HtmlTemplate Body) Parse(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var header = text[..split];
        if (!header.StartsWith("Subject: ", StringComparison.Ordinal)) throw new InvalidOperationException("A mail template starts with 'Subject: '.");
        return (HtmlTemplate.PlainText(header["Subject: ".Length..].Trim()), HtmlTemplate.PlainText(text[(split + 2)..]));
    }

    private static string? Find(string file) => EmbeddedFiles.FindTemplate("Mail", file);

    private static string Read(string file, string? otherwise = null) =>
        Find(file) ?? (otherwise is null ? null : Find(otherwise)) ?? throw new InvalidOperationException($"The mail template {file} is not embedded.");
}
