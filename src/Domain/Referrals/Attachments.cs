using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>Documents added to a referral by its workers at any step until it ends (statements,
/// provider reports, plans). Recording one is an event, so the audit trail says who added what and when.</summary>
internal static class Attachments
{
    public const int MaxContentType = 100;

    public static Outcome Record(DecisionContext c, RecordAttachment a) =>
        Permissions.Worker(c)
        ?? Input.Id(a.AttachmentId, nameof(a.AttachmentId))
        ?? Input.Text(a.ContentType, nameof(a.ContentType), MaxContentType)
        ?? (a.Length > 0 ? null : Input.Invalid(nameof(a.Length)))
        ?? (IsSha256Hex(a.Sha256Hex) ? null : Input.Invalid(nameof(a.Sha256Hex)))
        ?? c.NotEnded()
        // The same attachment again (a retried upload) is already on record: nothing to add.
        ?? (c.State.Attachments.Contains(a.AttachmentId) ? Outcome.Nothing : null)
        ?? c.Accept(new AttachmentAdded(a.AttachmentId, a.ContentType, a.Length, a.Sha256Hex.ToLowerInvariant()));

    private static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}
