using System.Collections.Concurrent;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Documents;
using Referrals.Functions.Operations;
using Referrals.Functions.Commands;
using Referrals.Functions.Signing;

namespace Referrals.Functions.Tests.Api;

internal sealed class RecordingAccessLog : IAccessLog
{
    public ConcurrentQueue<AccessRecord> Records { get; } = new();

    public Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default)
    {
        Records.Enqueue(record);
        return Task.CompletedTask;
    }

    public Task<Page<AccessRecord>?> ForReferralAsync(string referralId, string? continuation, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<Page<AccessRecord>?>(new Page<AccessRecord>(Records.Where(r => r.ReferralId == referralId).Take(limit).ToList(), null));
}

internal sealed class InMemorySigningGrants : ISigningGrants
{
    public ConcurrentDictionary<string, SigningGrant> Grants { get; } = new();

    /// <summary>When set, lookups throw it (a storage fault).</summary>
    public Exception? Fault { get; set; }

    public Task<SigningGrant> IssueAsync(SigningGrant grant, CancellationToken cancellationToken = default) =>
        Task.FromResult(Grants.GetOrAdd(grant.TokenHash, grant));

    public Task<SigningGrant?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Fault is { } fault ? Task.FromException<SigningGrant?>(fault) : Task.FromResult(Grants.TryGetValue(tokenHash, out var g) ? g : null);

    public Task MarkUsedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Grants.AddOrUpdate(tokenHash, _ => throw new InvalidOperationException(), (_, g) => g with { UsedAt = at });
        return Task.CompletedTask;
    }
}

/// <summary>Attachments in memory; refuses executables the way the real store does (from the bytes).</summary>
internal sealed class InMemoryDocuments : IDocumentStore
{
    public ConcurrentDictionary<string, (StoredAttachment Info, byte[] Bytes)> Attachments { get; } = new();
    public ConcurrentDictionary<string, byte[]> Decisions { get; } = new();
    public long MaxBytes { get; set; } = 1024 * 1024;
    public ConcurrentDictionary<string, string> Fingerprints { get; } = new();

    public async Task<StoredAttachment> AddAttachmentAsync(
        string referralId, string fileName, Stream content, string? attachmentId = null, CancellationToken cancellationToken = default,
        string? fingerprint = null)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (bytes.Length > MaxBytes) throw new DocumentRejectedException(DocumentRejection.TooLarge, "too large");
        if (bytes.Length >= 2 && bytes[0] == 'M' && bytes[1] == 'Z') throw new DocumentRejectedException(DocumentRejection.UnsupportedType, "executable");
        var info = new StoredAttachment(attachmentId ?? $"a-{Attachments.Count + 1}", fileName, "application/pdf", bytes.Length,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), TestTime.Now);
        var key = $"{referralId}/{info.AttachmentId}";
        if (!Attachments.ContainsKey(key) && fingerprint is not null) Fingerprints[key] = fingerprint;
        var stored = Attachments.GetOrAdd(key, (info, bytes)).Info;
        var sameBinding = !Fingerprints.TryGetValue(key, out var bound) || bound == fingerprint;
        return stored.Sha256Hex == info.Sha256Hex && sameBinding ? stored
            : throw new DocumentRejectedException(DocumentRejection.IdAlreadyUsed, "id already used");
    }

    public Task SetScanAsync(string referralId, string attachmentId, AttachmentScan scan, CancellationToken cancellationToken = default)
    {
        var key = $"{referralId}/{attachmentId}";
        Attachments[key] = (Attachments[key].Info with { Scan = scan }, Attachments[key].Bytes);
        return Task.CompletedTask;
    }

    public Task<(StoredAttachment Info, Stream Content)?> OpenAttachmentAsync(string referralId, string attachmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult<(StoredAttachment, Stream)?>(Attachments.TryGetValue($"{referralId}/{attachmentId}", out var a) ? (a.Info, new MemoryStream(a.Bytes)) : null);

    public Task<IReadOnlyList<StoredAttachment>> ListAttachmentsAsync(string referralId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredAttachment>>(Attachments.Where(a => a.Key.StartsWith(referralId + "/", StringComparison.Ordinal)).Select(a => a.Value.Info).ToList());

    public Task SaveSignedDecisionAsync(string referralId, int draftVersion, byte[] document, string sha256Hex, CancellationToken cancellationToken = default)
    {
        Decisions.TryAdd($"{referralId}/{draftVersion}", document);
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadSignedDecisionAsync(string referralId, int draftVersion, CancellationToken cancellationToken = default) =>
        Task.FromResult(Decisions.TryGetValue($"{referralId}/{draftVersion}", out var d) ? d : null);
}

internal sealed class FixedProbe(string name, bool reachable) : IReachabilityProbe
{
    public string Name => name;

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(reachable);
}

/// <summary>The client record the fakes seed for their referrals' client id (<c>c-0123</c>).</summary>
/// <summary>The in-process hosts' fixed clock: Monday 2 March 2026, 10:00 in Helsinki (the histories' service start day).</summary>
internal static class TestTime
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
}

internal static class SampleClient
{
    public const string Id = "c-0123";
    public const string Name = "Maija Testinen";
    public const string Code = "010181-900C";

    public static global::Referrals.Domain.Clients.ClientRecord Record(string clientId = Id) => new(
        clientId, Name, global::Referrals.Domain.Clients.PersonalIdentityCode.TryParse(Code, allowTemporaryNumbers: true, out var code, out _) ? code : throw new InvalidOperationException(),
        global::Referrals.Domain.Clients.ClientLanguage.Fi, new global::Referrals.Domain.Clients.PostalAddress("Testikuja 3", "01300", "Vantaa"),
        "maija@example.invalid", true, null);

    public static global::Referrals.Functions.Clients.InMemoryClientRecords Store()
    {
        var store = new global::Referrals.Functions.Clients.InMemoryClientRecords();
        store.PutAsync(Record()).GetAwaiter().GetResult();
        return store;
    }
}

