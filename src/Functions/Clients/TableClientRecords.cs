using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Referrals.Domain.Clients;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Clients;

/// <summary>The protected client records in a table of their own, <c>ClientRecords</c>: PartitionKey =
/// the opaque client id, one row, whose only readable columns are the KEK version and the format; the
/// record itself is <see cref="ClientRecordCipher">envelope-encrypted</see>. A write always wraps under
/// the current KEK, so a record written after a rotation is re-wrapped; records written before stay
/// readable while their KEK version is enabled.</summary>
internal sealed class TableClientRecords(TableServiceClient service, IOptions<StorageOptions> storage, IKeyEncryptionKeys keys) : IClientRecords
{
    public const string TableName = "ClientRecords";
    public const string Row = "record";
    private const int Format = 1;
    private readonly TableClient table = service.GetTableClient(storage.Value.TableName(TableName));
    private volatile bool created;

    public async Task<ClientRecord?> GetAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(clientId, Row, cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var entity = found.Value!;
        var version = entity.GetString("KekVersion");
        var wrapped = entity.GetBinary("WrappedKey");
        var payload = entity.GetBinary("Payload");
        if (entity.GetInt32("Format") != Format || version is null || wrapped is null || payload is null)
            throw new ClientRecordUnreadableException(clientId, "the stored row is not a sealed record");
        var kek = await keys.FindAsync(version, cancellationToken)
            ?? throw new ClientRecordUnreadableException(clientId, $"its key-encryption key version {version} is not enabled");
        return ClientRecordCipher.Open(clientId, new SealedClientRecord(version, wrapped, payload), kek);
    }

    public async Task PutAsync(ClientRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureTableAsync(cancellationToken);
        var sealedRecord = ClientRecordCipher.Seal(record, await keys.CurrentAsync(cancellationToken));
        var entity = new TableEntity(record.ClientId, Row)
        {
            ["Format"] = Format,
            ["KekVersion"] = sealedRecord.KekVersion,
            ["WrappedKey"] = sealedRecord.WrappedKey,
            ["Payload"] = sealedRecord.Payload,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (created) return;
        await table.CreateIfNotExistsAsync(cancellationToken);
        created = true;
    }
}
