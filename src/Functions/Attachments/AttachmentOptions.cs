namespace Referrals.Functions.Attachments;

/// <summary>Attachment uploads: who scans them. Their size limit is the document store's
/// (<see cref="Documents.DocumentOptions.MaxAttachmentBytes"/>), the one setting for it.</summary>
internal sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Who scans uploads for malware: LocalStandIn (marks files clean; EICAR infected) or DefenderForStorage.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^(LocalStandIn|DefenderForStorage)$", ErrorMessage = "Attachments:Scanner must be LocalStandIn or DefenderForStorage.")]
    public string Scanner { get; set; } = "LocalStandIn";
}
