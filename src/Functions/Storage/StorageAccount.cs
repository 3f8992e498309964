using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Storage;

/// <summary>The tables and containers of the application, created on first use (once per process).</summary>
public sealed class StorageAccount(TableServiceClient tableService, BlobServiceClient blobService, IOptions<StorageOptions> options)
{
    private readonly StorageOptions names = options.Value;
    private readonly Lock gate = new();
    private Task? created;

    /// <summary>Table <c>Referrals</c>: a partition per referral (snapshot, events, idempotency, outbox).</summary>
    public TableClient Referrals => tableService.GetTableClient(names.TableName("Referrals"));

    /// <summary>Table <c>ReferralIndex</c>: listings by unit and the review bodies' queues.</summary>
    public TableClient Index => tableService.GetTableClient(names.TableName("ReferralIndex"));

    /// <summary>Table <c>AccessLog</c>: a partition per referral.</summary>
    public TableClient AccessLog => tableService.GetTableClient(names.TableName("AccessLog"));

    /// <summary>Table <c>ParkedMessages</c>: outbox rows that failed too often, for operators.</summary>
    public TableClient Parked => tableService.GetTableClient(names.TableName("ParkedMessages"));

    public BlobContainerClient Attachments => blobService.GetBlobContainerClient(names.ContainerName("attachments"));

    public BlobContainerClient Decisions => blobService.GetBlobContainerClient(names.ContainerName("decisions"));

    /// <summary>Creates everything if missing; later calls cost nothing. A failed attempt (storage not
    /// reachable yet) is tried again by the next call rather than remembered.</summary>
    public Task EnsureCreatedAsync()
    {
        lock (gate)
        {
            if (created is null || created.IsFaulted || created.IsCanceled) created = CreateAsync(tableService, blobService, names);
            return created;
        }
    }

    private static async Task CreateAsync(TableServiceClient tables, BlobServiceClient blobs, StorageOptions names)
    {
        foreach (var table in new[] { "Referrals", "ReferralIndex", "AccessLog", "ParkedMessages" })
        {
            await tables.CreateTableIfNotExistsAsync(names.TableName(table));
        }
        foreach (var container in new[] { "attachments", "decisions" })
        {
            await blobs.GetBlobContainerClient(names.ContainerName(container)).CreateIfNotExistsAsync();
        }
    }
}
