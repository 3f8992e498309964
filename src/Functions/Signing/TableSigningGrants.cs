using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Signing;

/// <summary>Signing grants in Azure Table Storage: PartitionKey = token hash, one point read per lookup.</summary>
internal sealed class TableSigningGrants(TableServiceClient service, IOptions<StorageOptions> storage) : ISigningGrants
{
    public const string TableName = "SigningLinks";
    private const string Row = "grant";
    private readonly TableClient table = service.GetTableClient(storage.Value.TableName(TableName));
    private volatile bool created;

    public async Task<SigningGrant> IssueAsync(SigningGrant grant, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(grant), cancellationToken);
            return grant;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FindAsync(grant.TokenHash, cancellationToken) ?? grant;
        }
    }

    public async Task<SigningGrant?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(tokenHash, Row, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    public async Task MarkUsedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(tokenHash, Row) { ["UsedAt"] = at };
        try { await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (created) return;
        await table.CreateIfNotExistsAsync(cancellationToken);
        created = true;
    }

    private static TableEntity ToEntity(SigningGrant g) => new(g.TokenHash, Row)
    {
        ["ReferralId"] = g.ReferralId,
        ["DraftVersion"] = g.DraftVersion,
        ["SignerUnit"] = g.SignerUnit,
        ["ExpiresAt"] = g.ExpiresAt,
        ["UsedAt"] = g.UsedAt,
    };

    private static SigningGrant FromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetString("ReferralId"), e.GetInt32("DraftVersion") ?? 0, e.GetString("SignerUnit"),
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("UsedAt"));
}
