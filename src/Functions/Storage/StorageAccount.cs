using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Storage;

/// <summary>The tables and containers of the application, created on first use (once per process).
/// Two are registered: the default one, whose clients fail fast (<see cref="StorageTimeoutOptions"/>'
/// request profile), for everything a request does, and the keyed <see cref="Background"/> one, with
/// longer timeouts and retries, for the durable clock's activities and sweeps. They share the creation.</summary>
public sealed class StorageAccount(TableServiceClient tableService, BlobServiceClient blobService, IOptions<StorageOptions> options)
{
    /// <summary>The service key of the background account: <c>[FromKeyedServices(StorageAccount.Background)]</c>.</summary>
    public const string Background = "Background";

    private readonly StorageOptions names = options.Value;
    private Creation creation = new();

    private sealed class Creation
    {
        public readonly Lock Gate = new();
        public Task? Created;
    }

    /// <summary>The same tables and containers over other clients (other timeouts), created once for both.</summary>
    public StorageAccount WithClients(TableServiceClient tables, BlobServiceClient blobs) =>
        new(tables, blobs, Options.Create(names)) { creation = creation };

    /// <summary>Table <c>Referrals</c>: a partition per referral (snapshot, events, idempotency, outbox).</summary>
    public TableClient Referrals => tableService.GetTableClient(names.TableName("Referrals"));

    /// <summary>Table <c>ReferralIndex</c>: listings by unit and the review bodies' queues.</summary>
    public TableClient Index => tableService.GetTableClient(names.TableName("ReferralIndex"));

    /// <summary>Table <c>AccessLog</c>: a partition per referral.</summary>
    public TableClient AccessLog => tableService.GetTableClient(names.TableName("AccessLog"));

    /// <summary>Table <c>ParkedMessages</c>: outbox rows that failed too often, for operators.</summary>
    public TableClient Parked => tableService.GetTableClient(names.TableName("ParkedMessages"));

    /// <summary>Table <c>Reports</c>: the reporting read model (Reports/ReportRows).</summary>
    public TableClient Reports => tableService.GetTableClient(names.TableName("Reports"));

    /// <summary>Table <c>ReportState</c>: the reporting model's bookkeeping (each referral's version and open work, the
    /// open-work histograms), apart from the figures so that reading those stays small.</summary>
    public TableClient ReportState => tableService.GetTableClient(names.TableName("ReportState"));

    /// <summary>Table <c>ReportClients</c>: each client's first referral (keyed by a hash of the opaque id), for new or
    /// returning clients; read only by deliveries, so it stays out of the tables a report reads.</summary>
    public TableClient ReportClients => tableService.GetTableClient(names.TableName("ReportClients"));

    public BlobContainerClient Attachments => blobService.GetBlobContainerClient(names.ContainerName("attachments"));

    public BlobContainerClient Decisions => blobService.GetBlobContainerClient(names.ContainerName("decisions"));

    /// <summary>Creates everything if missing; later calls cost nothing. A failed attempt (storage not
    /// reachable yet) is tried again by the next call rather than remembered.</summary>
    public Task EnsureCreatedAsync()
    {
        var once = creation;
        lock (once.Gate)
        {
            if (once.Created is null || once.Created.IsFaulted || once.Created.IsCanceled) once.Created = CreateAsync(tableService, blobService, names);
            return once.Created;
        }
    }

    private static async Task CreateAsync(TableServiceClient tables, BlobServiceClient blobs, StorageOptions names)
    {
        foreach (var table in new[] { "Referrals", "ReferralIndex", "AccessLog", "ParkedMessages", "Reports", "ReportState", "ReportClients" })
        {
            await tables.CreateTableIfNotExistsAsync(names.TableName(table));
        }
        foreach (var container in new[] { "attachments", "decisions" })
        {
            await blobs.GetBlobContainerClient(names.ContainerName(container)).CreateIfNotExistsAsync();
        }
    }
}
