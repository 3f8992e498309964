using System.Globalization;
using Azure.Data.Tables;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Commands;

/// <summary>Outbox rows that failed too often, in table <c>ParkedMessages</c>, for operators: what kind,
/// which referral and row, how often it failed and why (no client data). The item is kept so that it
/// can be re-driven once the cause is fixed.</summary>
internal sealed class ParkedMessages(StorageAccount storage)
{
    private const string Partition = "parked";

    /// <summary>Copies the outbox row as it is (even one that cannot be read) beside why it failed.</summary>
    public async Task ParkAsync(TableEntity row, int attempts, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var parked = new TableEntity(Partition, row.PartitionKey + "|" + row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) parked[name] = value;
        }
        parked["ReferralId"] = row.PartitionKey;
        parked["OutboxRow"] = row.RowKey;
        parked["Attempts"] = attempts;
        parked["LastError"] = reason;
        parked["ParkedAt"] = at;
        await storage.Parked.UpsertEntityAsync(parked, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Every parked message, oldest referral row first.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> ListAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var list = new List<ParkedMessage>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in storage.Parked.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(new ParkedMessage(
                row.GetString("ReferralId"), row.GetString("OutboxRow"), row.GetString("Kind"),
                row.GetInt32("Attempts") ?? 0, row.GetString("LastError") ?? "",
                row.GetDateTimeOffset("ParkedAt") ?? default));
        }
        return list;
    }

    /// <summary>Puts the referral's parked rows (or the one named <paramref name="outboxRow"/>) back in its
    /// outbox as new (no attempts, no backoff, no lease) and removes them from the parked table; the
    /// caller then wakes the referral's clock. Returns the rows put back, in order. The outbox row is
    /// written before the parked one is deleted, so a failure between the two leaves a row parked
    /// that is also queued (a second requeue rewrites the same outbox row: one mail, same Message-ID).</summary>
    public async Task<IReadOnlyList<string>> RequeueAsync(string referralId, string? outboxRow, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = outboxRow is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {referralId + "|"} and RowKey lt {referralId + "}"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey eq {referralId + "|" + outboxRow}");
        var requeued = new List<string>();
        await foreach (var row in storage.Parked.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var rowKey = row.GetString("OutboxRow");
            if (rowKey is null || row.GetString("ReferralId") != referralId) continue;
            var outbox = new TableEntity(referralId, rowKey);
            foreach (var (name, value) in row)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or "ReferralId" or "OutboxRow"
                    or "Attempts" or "LastError" or "ParkedAt" or "NextAttemptAt" or "LeaseUntil") continue;
                outbox[name] = value;
            }
            await storage.Referrals.UpsertEntityAsync(outbox, TableUpdateMode.Replace, cancellationToken);
            await storage.Parked.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            requeued.Add(rowKey);
        }
        return requeued;
    }
}

/// <summary>A parked outbox row as operators see it.</summary>
internal sealed record ParkedMessage(string ReferralId, string OutboxRow, string Kind, int Attempts, string LastError, DateTimeOffset ParkedAt)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ReferralId}/{OutboxRow} {Kind} ×{Attempts}: {LastError}");
}
