using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.AccessLog;

/// <summary>Table <c>AccessLog</c>, a partition per referral, rows in time order (RowKey = ticks + a
/// random suffix, so two reads in the same tick are both kept). Rows are only ever added (never updated
/// or deleted), so in production the table lives in an account of its own where the app's identity has
/// a role with read and add only (<see cref="StorageOptions.AccessLogTableServiceUri"/>); the
/// deployment creates that table, this class never does.</summary>
internal sealed class TableAccessLog(StorageAccount storage, IOptions<StorageOptions> options, IAzureClientFactory<TableServiceClient> clients) : IAccessLog
{
    /// <summary>The name of the access log's table client (see ReferralsRegistration).</summary>
    public const string ClientName = "AccessLog";

    private readonly TableClient table = options.Value.AccessLogTableServiceUri is null
        ? storage.AccessLog
        : clients.CreateClient(ClientName).GetTableClient(options.Value.TableName("AccessLog"));

    public async Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var rowKey = record.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await table.AddEntityAsync(new TableEntity(record.ReferralId, rowKey)
        {
            ["UserId"] = record.UserId,
            ["Role"] = record.Role,
            ["Unit"] = record.Unit,
            ["Route"] = record.Route,
            ["At"] = record.At,
        }, cancellationToken);
    }

    public async Task<Page<AccessRecord>?> ForReferralAsync(string referralId, string? continuation, int limit, CancellationToken cancellationToken = default)
    {
        var after = "";
        if (continuation is not null && !KeyContinuation.TryDecode(continuation, referralId, IsRowKey, out after)) return null;
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {referralId} and RowKey gt {after}");
        var records = new List<AccessRecord>(limit);
        string? lastRowKey = null;
        var more = false;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(pageSizeHint: limit))
        {
            var taken = page.Values.Take(limit - records.Count).ToList();
            records.AddRange(taken.Select(row => new AccessRecord(referralId, row.GetString("UserId"), row.GetString("Role"), row.GetString("Unit"),
                row.GetString("Route"), row.GetDateTimeOffset("At") ?? default)));
            if (taken.Count > 0) lastRowKey = taken[^1].RowKey;
            more = page.ContinuationToken is not null || taken.Count < page.Values.Count;
            if (records.Count >= limit) break;
        }
        return new Page<AccessRecord>(records, more && lastRowKey is not null ? KeyContinuation.Encode(referralId, lastRowKey) : null);
    }

    /// <summary>19 digits of ticks, '-', 8 hex digits.</summary>
    private static bool IsRowKey(string key) =>
        key.Length == 28 && key[19] == '-' && key.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0 &&
        key.AsSpan(20).IndexOfAnyExcept("0123456789abcdef") < 0;
}
