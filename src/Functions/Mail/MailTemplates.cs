using System.Collections.Frozen;
using System.Reflection;
using Referrals.Domain;
using Referrals.Domain.Decisions;
using Referrals.Domain.Notifications;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Mail;

/// <summary>The mail texts, Finnish with Swedish beside it, embedded from Mail/Templates/{MessageKind}.txt
/// ("Subject: …", a blank line, the body). Placeholders: {{link}}, {{reminder.fi}}, {{reminder.sv}} (the
/// timerKind parameter's wording, <c>timer.{kind}</c> in the Domain's texts, the one home of reminder wording)
/// and the message's own (non-personal) parameters by name. Mail carries links, never client data.</summary>
public sealed class MailTemplates
{
    private readonly FrozenDictionary<MessageKind, (HtmlTemplate Subject, HtmlTemplate Body)> templates;

    public MailTemplates()
    {
        var assembly = typeof(MailTemplates).Assembly;
        templates = Enum.GetValues<MessageKind>().ToFrozenDictionary(kind => kind, kind => Parse(Read(assembly, kind + ".txt")));
    }

    public (string Subject, string Body) Render(OutgoingMessage message, Uri link)
    {
        var (subject, body) = templates[message.Kind];
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

    private static string Read(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(".Mail.Templates." + file, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The mail template {file} is not embedded.");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
