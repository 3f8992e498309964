using Microsoft.Extensions.Options;
using Referrals.Domain.Notifications;

namespace Referrals.Functions.Mail;

/// <summary>Links to the referral in the API (the caller signs in to see it). The API registers its own
/// <see cref="IMessageLinks"/> for signing requests (a single-use signing link).</summary>
internal sealed class DefaultMessageLinks(IOptionsMonitor<MailOptions> options) : IMessageLinks
{
    public Task<Uri> LinkForAsync(OutgoingMessage message, string outboxRowId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Uri(options.CurrentValue.PublicBaseUrl.ToString().TrimEnd('/') + "/api/referrals/" + Uri.EscapeDataString(message.ReferralId)));
}
