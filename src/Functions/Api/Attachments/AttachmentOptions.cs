namespace Referrals.Functions.Api.Attachments;

/// <summary>The request-size limit of attachment uploads; the document store enforces its own limit
/// and the content type from the bytes.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    [System.ComponentModel.DataAnnotations.Range(1, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Who scans uploads for malware: LocalStandIn (marks files clean; EICAR infected) or DefenderForStorage.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^(LocalStandIn|DefenderForStorage)$", ErrorMessage = "Attachments:Scanner must be LocalStandIn or DefenderForStorage.")]
    public string Scanner { get; set; } = "LocalStandIn";
}
