using System.Globalization;
using Microsoft.Extensions.Options;
using Referrals.Domain.Notifications;
using Referrals.Functions.Mail;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Signing;

/// <summary>The links that mails carry. A message to a signer (or the deputy) gets a single-use signing
/// link bound to the referral, the draft version and the signer unit; every other message links to the
/// referral in the API. Mails never carry client data, only these links. The token is random, so a mail
/// composed again (a retry) carries a new link; the earlier one stays valid for the same draft until one
/// of them is used (the draft is then signed or returned and both are refused).</summary>
internal sealed class SigningLinks(
    SigningTokens tokens, ISigningGrants grants, IReferralReader reader, IOptions<SigningOptions> options, IOptions<MailOptions> mail, TimeProvider time,
    Clients.IDecisionDownloadGrants downloads, IOptions<Clients.DecisionDownloadOptions> downloadOptions) : IMessageLinks
{
    /// <summary>Parameter names under which the process may pass the draft version.</summary>
    private static readonly string[] DraftVersionKeys = ["draftVersion", "DraftVersion", "version"];

    /// <summary>The parameter under which the process names the unit whose Signer grant a signing link is for, where that
    /// is not the recipient's own key (the case owner deciding; a named unit's decision-maker).</summary>
    private const string SignerUnitKey = "signerUnit";

    public async Task<Uri> LinkForAsync(OutgoingMessage message, string outboxRowId, CancellationToken cancellationToken = default)
    {
        var baseUrl = mail.Value.PublicBaseUrl.ToString().TrimEnd('/');
        if (message.Kind == MessageKind.DecisionAvailable)
        {
            // The client's link to the signed decision: random, stored as its hash, expiring, locked after wrong answers.
            var download = tokens.NewToken();
            await downloads.IssueAsync(new Clients.DecisionDownloadGrant(SigningTokens.HashOf(download), message.ReferralId, await DraftVersionOf(message, cancellationToken),
                time.GetUtcNow().AddDays(downloadOptions.Value.ExpiryDays), 0, null), cancellationToken);
            return new Uri($"{baseUrl}/decision-download/{download}");
        }
        // The signer the profile's rule names gets the link: a unit's signer or deputy, or, where the case owner decides, the
        // case owner (the message then names the unit whose Signer grant the page asks for, as it does for a named unit).
        message.Parameters.TryGetValue(SignerUnitKey, out var namedUnit);
        var signs = message.To.Role is RecipientRole.Signer or RecipientRole.DeputySigner
            || (message.To.Role == RecipientRole.CaseOwner && !string.IsNullOrEmpty(namedUnit) && message.Kind is MessageKind.SigningRequested or MessageKind.Reminder);
        if (!signs || message.Kind == MessageKind.DecisionSigned)
            return new Uri($"{baseUrl}/api/referrals/{Uri.EscapeDataString(message.ReferralId)}");

        var token = tokens.NewToken();
        var hash = SigningTokens.HashOf(token);
        var version = await DraftVersionOf(message, cancellationToken);
        var unit = !string.IsNullOrEmpty(namedUnit) ? namedUnit
            : message.To.Role == RecipientRole.Signer ? message.To.Key : await SignerUnitOf(message, cancellationToken);
        var expires = time.GetUtcNow().AddDays(options.Value.ExpiryDays);
        var issued = await grants.IssueAsync(new SigningGrant(hash, message.ReferralId, version, unit, expires, null), cancellationToken);
        if (issued.ReferralId != message.ReferralId)
            throw new InvalidOperationException("A signing token maps to another referral; refusing to reuse it.");
        return new Uri($"{baseUrl}/signing/{token}");
    }

    private async Task<int> DraftVersionOf(OutgoingMessage message, CancellationToken cancellationToken)
    {
        foreach (var key in DraftVersionKeys)
            if (message.Parameters.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                return v;
        return (await reader.GetAsync(message.ReferralId, cancellationToken))?.DraftVersion ?? 0;
    }

    /// <summary>A deputy signs for the referring unit: the grant is bound to that unit.</summary>
    private async Task<string> SignerUnitOf(OutgoingMessage message, CancellationToken cancellationToken) =>
        (await reader.GetAsync(message.ReferralId, cancellationToken))?.Unit ?? message.To.Key;
}
