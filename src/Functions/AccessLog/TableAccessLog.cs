using System.Globalization;
using Azure.Data.Tables;
using Referrals.Functions.Storage;

namespace Referrals.Functions.AccessLog;

/// <summary>Table <c>AccessLog</c>, a partition per referral, rows in time order (RowKey = ticks + a
/// random suffix, so two reads in the same tick are both kept).</summary>
public sealed class TableAccessLog(StorageAccount storage) : IAccessLog
{
    public async Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var rowKey = record.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await storage.AccessLog.AddEntityAsync(new TableEntity(record.ReferralId, rowKey)
        {
            ["UserId"] = record.UserId,
            ["Role"] = record.Role,
            ["Unit"] = record.Unit,
            ["Route"] = record.Route,
            ["At"] = record.At,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AccessRecord>> ForReferralAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var records = new List<AccessRecord>();
        await foreach (var row in storage.AccessLog.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: cancellationToken))
        {
            records.Add(new AccessRecord(referralId, row.GetString("UserId"), row.GetString("Role"), row.GetString("Unit"),
                row.GetString("Route"), row.GetDateTimeOffset("At") ?? default));
        }
        return records;
    }
}
