namespace Referrals.Functions.Api.Attachments;

/// <summary>The request-size limit of attachment uploads; the document store enforces its own limit
/// and the content type from the bytes.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    [System.ComponentModel.DataAnnotations.Range(1, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}
