using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Documents;

/// <summary>Limits for attachments (HTTP 413 above the size).</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    [Range(1, 100 * 1024 * 1024, ErrorMessage = "Documents:MaxAttachmentBytes must be between 1 byte and 100 MB.")]
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
}
