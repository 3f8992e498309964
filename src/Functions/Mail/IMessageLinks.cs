using Referrals.Domain.Notifications;

namespace Referrals.Functions.Mail;

/// <summary>The link a mail carries (mail carries links, never client data). For a signing request it
/// is the single-use signing link; it must be the same for every retry of the same outbox row, so that
/// a re-sent mail is identical to the first.</summary>
public interface IMessageLinks
{
    Task<Uri> LinkForAsync(OutgoingMessage message, string outboxRowId, CancellationToken cancellationToken = default);
}
