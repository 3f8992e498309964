using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>Removes the <c>seen</c> marks a delivery no longer needs. A mark guards its event's counts against a
/// redelivery only until the referral's row in <c>ReportState</c> records that version: from then on a delivery stops
/// at that row. A mark goes once it is older than <see cref="ReportOptions.MarkRetention"/> and its referral's row has
/// its version, so a delivery that crashed between the counts and the version keeps its marks, and one still running
/// (a delivery lasts seconds) never loses them. Kept out, the marks would grow with every event ever delivered, and
/// with them what Azurite scans for every report. The first referral's "returning" marks stay (rare, and not versioned).</summary>
public sealed class ReportMarkSweep(
    [FromKeyedServices(StorageAccount.Background)] StorageAccount storage, IOptions<ReportOptions> options)
{
    /// <summary>The Azure build's hourly timer function.</summary>
    public const string FunctionName = "ReportMarkSweep";

    /// <summary>Deletes the marks that are no longer needed at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var before = now - options.Value.MarkRetention;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ReportRows.SeenPrefix} and RowKey lt {ReportRows.SeenEnd}");
        var old = new List<(string Partition, string RowKey, string Referral, int Version)>();
        await foreach (var row in storage.Reports.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Timestamp"], cancellationToken: cancellationToken))
        {
            if (row.Timestamp is not { } written || written >= before) continue;
            if (ReportRows.ReadSeenKey(row.RowKey) is not { } mark) continue;
            old.Add((row.PartitionKey, row.RowKey, mark.ReferralId, mark.Version));
        }

        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var referral in old.Select(m => m.Referral).Distinct(StringComparer.Ordinal))
        {
            var known = await storage.ReportState.GetEntityIfExistsAsync<TableEntity>(ReportRows.Open, ReportRows.ReferralKey(referral), ["Version"], cancellationToken);
            applied[referral] = known.HasValue ? known.Value!.GetInt32("Version") ?? 0 : 0;
        }

        var deleted = 0;
        foreach (var batch in old.Where(m => m.Version <= applied[m.Referral]).GroupBy(m => m.Partition).SelectMany(p => p.Chunk(100)))
        {
            try
            {
                await storage.Reports.SubmitTransactionAsync(
                    batch.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(m.Partition, m.RowKey), ETag.All)), cancellationToken);
                deleted += batch.Length;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // Another sweep took some first: the rest one by one.
                foreach (var m in batch)
                {
                    using var answer = await storage.Reports.DeleteEntityAsync(m.Partition, m.RowKey, ETag.All, cancellationToken);
                    if (answer.Status != 404) deleted++;
                }
            }
        }
        return deleted;
    }
}
