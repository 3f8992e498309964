namespace Referrals.Functions.Documents;

/// <summary>Attachments and decision documents in Blob Storage.</summary>
internal interface IDocumentStore
{
    /// <summary>Stores an attachment after checking size and content type from the bytes.
    /// Throws <see cref="DocumentRejectedException"/> for too large (413) or wrong type (415).
    /// With an <paramref name="attachmentId"/> (derived from the request's idempotency key) the upload is
    /// written once: the same file again returns the stored one, a different file under that id is
    /// refused (<see cref="DocumentRejection.IdAlreadyUsed"/>, 422) and nothing is overwritten; so is the same id
    /// with another <paramref name="fingerprint"/> (another caller, route or file name).</summary>
    Task<StoredAttachment> AddAttachmentAsync(
        string referralId, string fileName, Stream content, string? attachmentId = null, CancellationToken cancellationToken = default,
        string? fingerprint = null);

    /// <summary>Records the malware scan's verdict on a stored attachment.</summary>
    Task SetScanAsync(string referralId, string attachmentId, AttachmentScan scan, CancellationToken cancellationToken = default);

    /// <summary>The attachment and its content, whatever its scan state: the caller serves it only when clean.</summary>
    Task<(StoredAttachment Info, Stream Content)?> OpenAttachmentAsync(string referralId, string attachmentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredAttachment>> ListAttachmentsAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Writes a signed decision once (conditional create); an existing blob with the same hash
    /// is accepted, a different one is never overwritten.</summary>
    Task SaveSignedDecisionAsync(string referralId, int draftVersion, byte[] document, string sha256Hex, CancellationToken cancellationToken = default);

    Task<byte[]?> ReadSignedDecisionAsync(string referralId, int draftVersion, CancellationToken cancellationToken = default);
}

internal sealed record StoredAttachment(string AttachmentId, string FileName, string ContentType, long Length, string Sha256Hex, DateTimeOffset StoredAt)
{
    /// <summary>Pending until the malware scan says clean (or infected); only clean files are served.</summary>
    public AttachmentScan Scan { get; init; } = AttachmentScan.Pending;
}

internal sealed class DocumentRejectedException(DocumentRejection reason, string message) : Exception(message)
{
    public DocumentRejection Reason { get; } = reason;
}

internal enum DocumentRejection { TooLarge, UnsupportedType, Empty, IdAlreadyUsed }
