using System.Collections.Frozen;
using System.Reflection;
using Referrals.Domain.Notifications;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Mail;

/// <summary>The mail texts, Finnish with Swedish beside it, embedded from Mail/Templates/{MessageKind}.txt
/// ("Subject: …", a blank line, the body). Placeholders: {{link}}, {{reminder.fi}}, {{reminder.sv}} (from the
/// timerKind parameter) and
/// the message's own (non-personal) parameters by name. Mail carries links, never client data.</summary>
public sealed class MailTemplates
{
    private readonly FrozenDictionary<MessageKind, (string Subject, string Body)> templates;
    /// <summary>Mails to one person in their language (the client: {MessageKind}.fi.txt / .sv.txt).</summary>
    private readonly FrozenDictionary<(MessageKind, string), (string Subject, string Body)> inLanguage;
    private readonly FrozenDictionary<TimerKind, (string Fi, string Sv)> reminders;

    public MailTemplates()
    {
        var assembly = typeof(MailTemplates).Assembly;
        templates = Enum.GetValues<MessageKind>().ToFrozenDictionary(kind => kind, kind => Parse(Read(assembly, kind + ".txt", kind + ".fi.txt")));
        inLanguage = Enum.GetValues<MessageKind>()
            .SelectMany(kind => new[] { "fi", "sv" }.Select(language => (kind, language)))
            .Where(k => Find(assembly, $"{k.kind}.{k.language}.txt") is not null)
            .ToFrozenDictionary(k => (k.kind, k.language), k => Parse(Read(assembly, $"{k.kind}.{k.language}.txt")));
        reminders = Read(assembly, "Reminders.txt")
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToFrozenDictionary(parts => Enum.Parse<TimerKind>(parts[0]), parts => (parts[1], parts[2]));
    }

    public (string Subject, string Body) Render(OutgoingMessage message, Uri link) => Render(message, link, language: null);

    /// <summary>In <paramref name="language"/> (fi/sv) where the kind has a template in it, else the bilingual one.</summary>
    public (string Subject, string Body) Render(OutgoingMessage message, Uri link, string? language)
    {
        var (subject, body) = language is not null && inLanguage.TryGetValue((message.Kind, language), out var one) ? one : templates[message.Kind];
        var values = new Dictionary<string, string>(message.Parameters, StringComparer.Ordinal) { ["link"] = link.AbsoluteUri };
        if (message.Parameters.TryGetValue("timerKind", out var kindName) && Enum.TryParse<TimerKind>(kindName, out var timerKind) &&
            reminders.TryGetValue(timerKind, out var text))
        {
            values["reminder.fi"] = text.Fi;
            values["reminder.sv"] = text.Sv;
        }
        else
        {
            values["reminder.fi"] = "asiakkuuden määräaika";
            values["reminder.sv"] = "en tidsfrist för klientrelationen";
        }
        return (Fill(subject, values), Fill(body, values));
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values) template = template.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        return template;
    }

    private static (string Subject, string Body) Parse(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var header = text[..split];
        if (!header.StartsWith("Subject: ", StringComparison.Ordinal)) throw new InvalidOperationException("A mail template starts with 'Subject: '.");
        return (header["Subject: ".Length..].Trim(), text[(split + 2)..]);
    }

    private static string? Find(Assembly assembly, string file) =>
        assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(".Mail.Templates." + file, StringComparison.Ordinal));

    private static string Read(Assembly assembly, string file, string? otherwise = null)
    {
        var name = Find(assembly, file) ?? (otherwise is null ? null : Find(assembly, otherwise))
            ?? throw new InvalidOperationException($"The mail template {file} is not embedded.");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
