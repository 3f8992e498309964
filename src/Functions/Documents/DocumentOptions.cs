using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Documents;

/// <summary>Limits for attachments (HTTP 413 above the size).</summary>
internal sealed class DocumentOptions
{
    public const string Section = "Documents";

    [Range(1, 100 * 1024 * 1024, ErrorMessage = "Documents:MaxAttachmentBytes must be between 1 byte and 100 MB.")]
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    public const int DefaultMaxImageDimension = 20_000;
    public const long DefaultMaxImagePixels = 50_000_000;

    /// <summary>The widest or tallest image accepted (pixels per side, from the image's own header).</summary>
    [Range(1, 65_535)]
    public int MaxImageDimension { get; set; } = DefaultMaxImageDimension;

    /// <summary>The most pixels an image may declare (width × height): a small file must not make a viewer allocate gigabytes.</summary>
    [Range(1, 1_000_000_000)]
    public long MaxImagePixels { get; set; } = DefaultMaxImagePixels;
}
