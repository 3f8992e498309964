using MimeKit;

namespace Referrals.Functions.Mail;

/// <summary>Hands a finished message to the relay. A seam so that tests can fail sends on purpose.</summary>
internal interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
