using Microsoft.Extensions.Options;
using Referrals.Domain.Notifications;

namespace Referrals.Functions.Mail;

/// <summary>Resolves a role address (unit mailbox, review body mailbox, signer of a unit, deputy) from
/// configuration. A message whose role has no address is parked for an operator, not guessed.</summary>
internal sealed class RecipientDirectory(IOptionsMonitor<MailOptions> options)
{
    public string? AddressOf(Recipient recipient)
    {
        var recipients = options.CurrentValue.Recipients;
        var role = recipients.FirstOrDefault(r => string.Equals(r.Key, recipient.Role.ToString(), StringComparison.OrdinalIgnoreCase)).Value;
        if (role is null) return null;
        return role.TryGetValue(recipient.Key, out var address) ? address
            : role.TryGetValue(MailOptions.AnyKey, out var fallback) ? fallback
            : null;
    }
}
