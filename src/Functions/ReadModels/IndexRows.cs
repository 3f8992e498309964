using System.Globalization;
using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.ReadModels;

/// <summary>The rows of table <c>ReferralIndex</c>: <c>unit|{unit}</c> partitions list a unit's
/// referrals newest first (RowKey = inverted submission ticks + id); <c>queue|{review body}</c>
/// partitions hold the referrals waiting for review, oldest first (RowKey = queued ticks + id).</summary>
public static class IndexRows
{
    public static string UnitPartition(string unit) => "unit|" + Escape(unit);

    public static string QueuePartition(string reviewBodyId) => "queue|" + Escape(reviewBodyId);

    public static string UnitRowKey(ReferralSummary summary) =>
        (DateTimeOffset.MaxValue.UtcTicks - summary.SubmittedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + summary.ReferralId;

    public static string QueueRowKey(QueueEntry entry, string referralId) =>
        entry.QueuedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + referralId;

    public static TableEntity Row(string partition, string rowKey, ReferralSummary summary) => new(partition, rowKey)
    {
        ["ReferralId"] = summary.ReferralId,
        ["Unit"] = summary.Unit,
        ["ProfileId"] = summary.ProfileId,
        ["ReviewBodyId"] = summary.ReviewBodyId,
        ["Status"] = summary.Status.ToString(),
        ["ServiceTypeCode"] = summary.ServiceTypeCode,
        ["SubmittedAt"] = summary.SubmittedAt,
        ["UpdatedAt"] = summary.UpdatedAt,
        ["Version"] = summary.Version,
    };

    public static ReferralSummary ReadSummary(TableEntity row) => new(
        row.GetString("ReferralId"),
        row.GetString("Unit"),
        row.GetString("ProfileId"),
        row.GetString("ReviewBodyId"),
        Enum.Parse<ReferralStatus>(row.GetString("Status")),
        row.GetString("ServiceTypeCode"),
        row.GetDateTimeOffset("SubmittedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetInt32("Version") ?? 0);

    /// <summary>Key characters that Table Storage forbids (/ \ # ? and control characters) are replaced.</summary>
    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));
}
