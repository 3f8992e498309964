using Azure.Data.Tables;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Outbox;

/// <summary>Finds the referrals that still have outbox rows (left behind by a crash between the commit
/// and the signal, or waiting for a retry). A scan across partitions: it runs at start and every
/// <see cref="Clock.ClockOptions.SweepInterval"/>, never on a command's path.</summary>
public sealed class OutboxSweep(StorageAccount storage)
{
    public async Task<IReadOnlyList<string>> PendingReferralsAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ReferralRows.OutboxPrefix} and RowKey lt {ReferralRows.OutboxEnd}");
        var referrals = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in storage.Referrals.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            referrals.Add(row.PartitionKey);
        }
        return [.. referrals];
    }
}
