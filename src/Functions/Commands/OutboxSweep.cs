using Microsoft.Extensions.DependencyInjection;
using Azure.Data.Tables;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Commands;

/// <summary>Finds the referrals that still have outbox rows (left behind by a lost wake-up or a crash,
/// or waiting for a retry), with the newest version among them. A scan across partitions, keys only:
/// it runs with the clock sweep, never on a command's path.</summary>
internal sealed class OutboxSweep([FromKeyedServices(StorageAccount.Background)] StorageAccount storage)
{
    public async Task<IReadOnlyDictionary<string, int>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ReferralRows.OutboxPrefix} and RowKey lt {ReferralRows.OutboxEnd}");
        var referrals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in storage.Referrals.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var version = ReferralRows.OutboxVersion(row.RowKey);
            referrals[row.PartitionKey] = referrals.TryGetValue(row.PartitionKey, out var known) && known > version ? known : version;
        }
        return referrals;
    }

    /// <summary>The referrals with outbox rows, in id order.</summary>
    public async Task<IReadOnlyList<string>> PendingReferralsAsync(CancellationToken cancellationToken = default) =>
        [.. (await PendingAsync(cancellationToken)).Keys];
}
