using Microsoft.Extensions.Options;
using MimeKit;
using Referrals.Domain.Notifications;

namespace Referrals.Functions.Mail;

/// <summary>Builds the mail for an outbox row. Everything in it derives from the row (the Message-ID
/// too), so a re-send after a crash is the same mail, which receivers and relays recognise.</summary>
public sealed class MailComposer(MailTemplates templates, RecipientDirectory directory, IMessageLinks links, IOptionsMonitor<MailOptions> options)
{
    /// <summary>Null when the role has no address in the directory.</summary>
    public async Task<MimeMessage?> ComposeAsync(OutgoingMessage message, string referralId, string outboxRowId, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var address = directory.AddressOf(message.To);
        if (address is null) return null;
        var link = await links.LinkForAsync(message, outboxRowId, cancellationToken);
        var (subject, body) = templates.Render(message, link);
        var settings = options.CurrentValue;
        var mail = new MimeMessage
        {
            Subject = subject,
            Body = new TextPart("plain") { Text = body },
            MessageId = MessageId(referralId, outboxRowId, settings.IdDomain),
            Date = createdAt,
        };
        mail.From.Add(MailboxAddress.Parse(settings.From));
        mail.To.Add(MailboxAddress.Parse(address));
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        return mail;
    }

    /// <summary>One Message-ID per outbox row, whichever host sends it and however often.</summary>
    public static string MessageId(string referralId, string outboxRowId, string domain) =>
        $"{Sanitize(referralId)}.{Sanitize(outboxRowId)}@{domain}";

    private static string Sanitize(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
