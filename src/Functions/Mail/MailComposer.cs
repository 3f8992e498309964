using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Referrals.Domain.Notifications;
using Referrals.Functions.Signing;

namespace Referrals.Functions.Mail;

/// <summary>Builds the mail for an outbox row. Everything in it derives from the row (the Message-ID
/// too), so a re-send after a crash is the same mail, which receivers and relays recognise.</summary>
internal sealed class MailComposer(MailTemplates templates, RecipientDirectory directory, IMessageLinks links, IOptionsMonitor<MailOptions> options, IOptions<SigningOptions> signing,
    Clients.IClientRecords clients)
{
    private readonly byte[] idKey = HMACSHA256.HashData(
        Encoding.UTF8.GetBytes(signing.Value.LinkSecret is { Length: >= 32 } s ? s : throw new InvalidOperationException("Signing:LinkSecret (at least 32 characters) is required: it keys the mails' Message-IDs.")),
        "message-id"u8);

    /// <summary>Null when the role has no address in the directory.</summary>
    public async Task<MimeMessage?> ComposeAsync(OutgoingMessage message, string referralId, string outboxRowId, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        string? address, language = null;
        if (message.To.Role == RecipientRole.Client)
        {
            // The client's own address, only with their consent to electronic notification; the mail in their language.
            var client = await clients.GetAsync(message.To.Key, cancellationToken);
            address = client is { ElectronicNotificationConsent: true, Email: { Length: > 0 } email } ? email : null;
            language = client?.Language == Domain.Clients.ClientLanguage.Sv ? "sv" : "fi";
        }
        else address = directory.AddressOf(message.To);
        if (address is null) return null;
        var link = await links.LinkForAsync(message, outboxRowId, cancellationToken);
        var (subject, body) = templates.Render(message, link, language);
        var settings = options.CurrentValue;
        var mail = new MimeMessage
        {
            Subject = subject,
            Body = new TextPart("plain") { Text = body },
            MessageId = MessageId(idKey, referralId, outboxRowId, settings.IdDomain),
            Date = createdAt,
        };
        mail.From.Add(MailboxAddress.Parse(settings.From));
        mail.To.Add(MailboxAddress.Parse(address));
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        return mail;
    }

    /// <summary>One Message-ID per outbox row, whichever host sends it and however often: an HMAC of the
    /// row (160 bits, hex), so it names neither the referral nor the row, and no link token derives from it.</summary>
    public static string MessageId(byte[] key, string referralId, string outboxRowId, string domain) =>
        $"{Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{referralId}\n{outboxRowId}")))[..40]}@{domain}";
}
