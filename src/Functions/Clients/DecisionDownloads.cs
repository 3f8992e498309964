using System.ComponentModel.DataAnnotations;
using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clients;

/// <summary>The client's download link of a signed decision (electronic notification): how long it is
/// valid and how many wrong answers lock it. One source for both limits, validated at start.</summary>
internal sealed class DecisionDownloadOptions
{
    public const string Section = "DecisionDownloads";

    /// <summary>Days the link in the client's mail stays valid (the review period runs 30 days from the third day).</summary>
    [Range(1, 60, ErrorMessage = "DecisionDownloads:ExpiryDays must be between 1 and 60.")]
    public int ExpiryDays { get; set; } = 14;

    /// <summary>Wrong identity codes before the link is locked for good (a new one comes with a new notification).</summary>
    [Range(1, 10, ErrorMessage = "DecisionDownloads:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>One download link: the SHA-256 of its token (the token itself is never stored), the referral
/// and decision version it opens, its expiry, the wrong answers so far and when it was locked.</summary>
internal sealed record DecisionDownloadGrant(string TokenHash, string ReferralId, int DraftVersion, DateTimeOffset ExpiresAt, int FailedAttempts, DateTimeOffset? LockedAt);

internal interface IDecisionDownloadGrants
{
    Task IssueAsync(DecisionDownloadGrant grant, CancellationToken cancellationToken = default);

    Task<DecisionDownloadGrant?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Counts one wrong answer (atomically) and locks the link at <paramref name="maxAttempts"/>; returns the grant after it.</summary>
    Task<DecisionDownloadGrant?> FailAsync(string tokenHash, int maxAttempts, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>The links in table <c>DecisionDownloads</c>: PartitionKey = token hash, one point read per lookup;
/// a wrong answer is an ETag-conditional update, so parallel guesses cannot exceed the limit.</summary>
internal sealed class TableDecisionDownloadGrants(TableServiceClient service, IOptions<StorageOptions> storage) : IDecisionDownloadGrants
{
    public const string TableName = "DecisionDownloads";
    private const string Row = "grant";
    private readonly TableClient table = service.GetTableClient(storage.Value.TableName(TableName));
    private volatile bool created;

    public async Task IssueAsync(DecisionDownloadGrant grant, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(grant.TokenHash, Row)
        {
            ["ReferralId"] = grant.ReferralId,
            ["DraftVersion"] = grant.DraftVersion,
            ["ExpiresAt"] = grant.ExpiresAt,
            ["FailedAttempts"] = grant.FailedAttempts,
            ["LockedAt"] = grant.LockedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<DecisionDownloadGrant?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        (await FindEntityAsync(tokenHash, cancellationToken)) is { } entity ? From(entity) : null;

    public async Task<DecisionDownloadGrant?> FailAsync(string tokenHash, int maxAttempts, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entity = await FindEntityAsync(tokenHash, cancellationToken);
            if (entity is null) return null;
            var failed = (entity.GetInt32("FailedAttempts") ?? 0) + 1;
            entity["FailedAttempts"] = failed;
            if (failed >= maxAttempts && entity.GetDateTimeOffset("LockedAt") is null) entity["LockedAt"] = at;
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return From(entity);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }
        throw new InvalidOperationException("A download link's attempt count could not be updated.");
    }

    private async Task<TableEntity?> FindEntityAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(tokenHash, Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (created) return;
        await table.CreateIfNotExistsAsync(cancellationToken);
        created = true;
    }

    private static DecisionDownloadGrant From(TableEntity e) => new(
        e.PartitionKey, e.GetString("ReferralId"), e.GetInt32("DraftVersion") ?? 0, e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        e.GetInt32("FailedAttempts") ?? 0, e.GetDateTimeOffset("LockedAt"));
}

/// <summary>In memory (tests and a host without storage).</summary>
internal sealed class InMemoryDecisionDownloadGrants : IDecisionDownloadGrants
{
    public ConcurrentDictionary<string, DecisionDownloadGrant> Grants { get; } = new(StringComparer.Ordinal);

    public Task IssueAsync(DecisionDownloadGrant grant, CancellationToken cancellationToken = default)
    {
        Grants[grant.TokenHash] = grant;
        return Task.CompletedTask;
    }

    public Task<DecisionDownloadGrant?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(Grants.TryGetValue(tokenHash, out var g) ? g : null);

    public Task<DecisionDownloadGrant?> FailAsync(string tokenHash, int maxAttempts, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (!Grants.TryGetValue(tokenHash, out _)) return Task.FromResult<DecisionDownloadGrant?>(null);
        var after = Grants.AddOrUpdate(tokenHash, _ => throw new InvalidOperationException(), (_, g) =>
            g with { FailedAttempts = g.FailedAttempts + 1, LockedAt = g.LockedAt ?? (g.FailedAttempts + 1 >= maxAttempts ? at : null) });
        return Task.FromResult<DecisionDownloadGrant?>(after);
    }
}
