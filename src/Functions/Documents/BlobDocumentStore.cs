using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Documents;

/// <summary>Documents in Blob Storage: <c>attachments/{referral}/{id}</c> and
/// <c>decisions/{referral}/{version}</c>. A signed decision is created once and never overwritten.</summary>
internal sealed class BlobDocumentStore(StorageAccount storage, IOptionsMonitor<DocumentOptions> options, TimeProvider time) : IDocumentStore
{
    public async Task<StoredAttachment> AddAttachmentAsync(
        string referralId, string fileName, Stream content, string? attachmentId = null, CancellationToken cancellationToken = default,
        string? fingerprint = null)
    {
        var limit = options.CurrentValue.MaxAttachmentBytes;
        var bytes = await ReadAtMostAsync(content, limit, cancellationToken);
        if (bytes.Length == 0) throw new DocumentRejectedException(DocumentRejection.Empty, "The file is empty.");
        var limits = new ContentSniffer.ImageLimits(options.CurrentValue.MaxImageDimension, options.CurrentValue.MaxImagePixels);
        var contentType = ContentSniffer.Detect(bytes, limits)
            ?? throw new DocumentRejectedException(DocumentRejection.UnsupportedType, "Only PDF, PNG, JPEG and plain text (UTF-8) files are accepted.");

        await storage.EnsureCreatedAsync();
        var stored = new StoredAttachment(attachmentId ?? Guid.NewGuid().ToString("N"), Path.GetFileName(fileName), contentType, bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), time.GetUtcNow());
        var blob = Attachment(referralId, stored.AttachmentId);
        try
        {
            await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = Metadata(stored, fingerprint),
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return stored;
        }
        catch (RequestFailedException e) when (attachmentId is not null && e.Status is 409 or 412)
        {
            // A retried upload: the first one stands; the same id with other bytes is never overwritten.
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            var existing = Read(stored.AttachmentId, properties.Metadata, properties.ContentType, properties.ContentLength);
            var sameBinding = !properties.Metadata.TryGetValue("fingerprint", out var bound) || bound == fingerprint;
            return existing.Sha256Hex == stored.Sha256Hex && sameBinding
                ? existing
                : throw new DocumentRejectedException(DocumentRejection.IdAlreadyUsed, "A different file was already stored with this idempotency key.");
        }
    }

    public async Task SetScanAsync(string referralId, string attachmentId, AttachmentScan scan, CancellationToken cancellationToken = default)
    {
        var blob = Attachment(referralId, attachmentId);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var metadata = new Dictionary<string, string>(properties.Metadata) { ["scan"] = scan.ToString().ToLowerInvariant() };
        await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken);
    }

    public async Task<(StoredAttachment Info, Stream Content)?> OpenAttachmentAsync(string referralId, string attachmentId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            var download = await Attachment(referralId, attachmentId).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            var info = Read(attachmentId, details.Metadata, details.ContentType, details.ContentLength);
            if (info.Scan == AttachmentScan.Pending && details.TagCount > 0)
            {
                // Defender for Storage's verdict, as the blob index tag it writes after scanning.
                var tags = (await Attachment(referralId, attachmentId).GetTagsAsync(cancellationToken: cancellationToken)).Value.Tags;
                info = info with { Scan = DefenderForStorageScanner.FromTag(tags.TryGetValue(DefenderForStorageScanner.ResultTag, out var t) ? t : null) };
            }
            return (info, download.Value.Content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<StoredAttachment>> ListAttachmentsAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var list = new List<StoredAttachment>();
        await foreach (var blob in storage.Attachments.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, referralId + "/", cancellationToken))
        {
            list.Add(Read(blob.Name[(referralId.Length + 1)..], blob.Metadata, blob.Properties.ContentType, blob.Properties.ContentLength ?? 0));
        }
        return [.. list.OrderBy(a => a.StoredAt)];
    }

    public async Task SaveSignedDecisionAsync(string referralId, int draftVersion, byte[] document, string sha256Hex, CancellationToken cancellationToken = default)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(document));
        if (!string.Equals(actual, sha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The decision of {referralId} v{draftVersion} hashes to {actual}, not to the signed {sha256Hex}.");
        }
        await storage.EnsureCreatedAsync();
        var blob = Decision(referralId, draftVersion);
        try
        {
            await blob.UploadAsync(new BinaryData(document), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["sha256"] = actual },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Written before (a retry): fine if it is the same document, never replaced if not.
            var existing = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            if (Convert.ToHexStringLower(SHA256.HashData(existing)) != actual)
            {
                throw new InvalidOperationException($"A different signed decision of {referralId} v{draftVersion} exists; it is never overwritten.");
            }
        }
    }

    public async Task<byte[]?> ReadSignedDecisionAsync(string referralId, int draftVersion, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            return (await Decision(referralId, draftVersion).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Attachment(string referralId, string attachmentId) => storage.Attachments.GetBlobClient($"{referralId}/{attachmentId}");

    private BlobClient Decision(string referralId, int draftVersion) => storage.Decisions.GetBlobClient($"{referralId}/{draftVersion}");

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new DocumentRejectedException(DocumentRejection.TooLarge, $"The file is larger than {limit / (1024 * 1024.0):0.#} MB.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // Blob metadata is ASCII: the file name travels Base64-encoded.
    private static Dictionary<string, string> Metadata(StoredAttachment a, string? fingerprint)
    {
        var metadata = new Dictionary<string, string>
        {
            ["filename"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(a.FileName)),
            ["sha256"] = a.Sha256Hex,
            ["storedat"] = a.StoredAt.ToString("O"),
            ["scan"] = a.Scan.ToString().ToLowerInvariant(),
        };
        if (fingerprint is not null) metadata["fingerprint"] = fingerprint;
        return metadata;
    }

    private static StoredAttachment Read(string id, IDictionary<string, string> metadata, string contentType, long length) => new(
        id,
        metadata.TryGetValue("filename", out var name) ? Encoding.UTF8.GetString(Convert.FromBase64String(name)) : id,
        contentType,
        length,
        metadata.TryGetValue("sha256", out var sha) ? sha : "",
        metadata.TryGetValue("storedat", out var at) ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : default)
    {
        Scan = metadata.TryGetValue("scan", out var scan) && Enum.TryParse<AttachmentScan>(scan, ignoreCase: true, out var state) ? state : AttachmentScan.Pending,
    };
}
