using Referrals.Domain.Notifications;

namespace Referrals.Functions.Mail;

/// <summary>The link a mail carries (mail carries links, never client data). For a signing request it
/// is a single-use signing link with a random token: a retry of the same outbox row gets a new one (the
/// Message-ID stays the same), and each stays valid for that draft until one of them is used.</summary>
internal interface IMessageLinks
{
    Task<Uri> LinkForAsync(OutgoingMessage message, string outboxRowId, CancellationToken cancellationToken = default);
}
