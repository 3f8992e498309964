using System.Globalization;
using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;

namespace Referrals.Functions.ReadModels;

/// <summary>The rows of table <c>ReferralIndex</c>. Every listing is a range query inside one partition,
/// so a page costs the same however many referrals exist:
/// <list type="bullet">
/// <item><c>unit|{unit}</c>: every referral of the unit, newest first (RowKey = inverted submission ticks + id);</item>
/// <item><c>status|{status}|{unit}</c>: the unit's referrals in that status, newest first (the same RowKey),
/// one row per referral, moved when its status changes;</item>
/// <item><c>queue|{review body}</c>: only the referrals waiting for that body now, oldest first
/// (RowKey = queued ticks + id), removed when they leave the queue.</item>
/// </list></summary>
internal static class IndexRows
{
    /// <summary>The unit partitions are <c>unit|…</c>; '}' is the character after '|', so
    /// [<see cref="UnitPrefix"/>, <see cref="UnitPrefixEnd"/>) holds exactly one row per referral.</summary>
    public const string UnitPrefix = "unit|";

    public const string UnitPrefixEnd = "unit}";

    public static string UnitPartition(string unit) => UnitPrefix + Escape(unit);

    /// <summary>The status comes first: it never contains '|', so the key cannot be read two ways.</summary>
    public static string StatusPartition(string unit, ReferralStatus status) => "status|" + status + "|" + Escape(unit);

    public static string QueuePartition(string reviewBodyId) => "queue|" + Escape(reviewBodyId);

    /// <summary>Newest first: the inverted submission time. Never changes, so the unit row and the status
    /// row of a referral share it.</summary>
    public static string UnitRowKey(ReferralSummary summary) =>
        (DateTimeOffset.MaxValue.UtcTicks - summary.SubmittedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + summary.ReferralId;

    public static string QueueRowKey(QueueEntry entry, string referralId) =>
        entry.QueuedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + referralId;

    /// <summary>Whether a key has the shape of the row keys above (19 digits, '|', an id).</summary>
    public static bool IsRowKey(string key) =>
        key.Length is > 20 and <= 120 && key[19] == '|' && key.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0 &&
        key.AsSpan(20).IndexOfAnyExcept(IdCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

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
        ["OpenAfterEnd"] = summary.OpenAfterEnd,
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
        row.GetInt32("Version") ?? 0)
    {
        OpenAfterEnd = row.GetBoolean("OpenAfterEnd") ?? false,
    };

    /// <summary>A status or queue row as one version of the projector left it (its ETag from the write).</summary>
    public readonly record struct WrittenRow(string Partition, string RowKey, Azure.ETag ETag)
    {
        public bool Is(string partition, string rowKey) => Partition == partition && RowKey == rowKey;
    }

    /// <summary>What the unit row's version wrote besides it, kept on the unit row so that the next version
    /// replaces or removes exactly those rows by If-Match instead of reading them first. The status row shares
    /// the unit row's key in the partition of the unit row's status, so its ETag is enough; the queue row is
    /// named in full. Absent (an older row, or a row a newer version had already written): read as before.</summary>
    public readonly record struct WrittenRows(WrittenRow? Status, WrittenRow? Queue)
    {
        private const string StatusETag = "StatusRowETag";
        private const string QueuePartition = "QueueRowPartition";
        private const string QueueRowKey = "QueueRowKey";
        private const string QueueETag = "QueueRowETag";

        /// <summary>The columns to select on the unit row.</summary>
        public static readonly string[] Columns = [StatusETag, QueuePartition, QueueRowKey, QueueETag];

        /// <summary>The unit row as read with <see cref="Columns"/> selected (so without its keys: they are given).</summary>
        public static WrittenRows Read(TableEntity unitRow, string unit, string rowKey, ReferralStatus? status) => new(
            status is { } s && unitRow.GetString(StatusETag) is { Length: > 0 } statusETag
                ? new WrittenRow(StatusPartition(unit, s), rowKey, new Azure.ETag(statusETag)) : null,
            unitRow.GetString(QueuePartition) is { Length: > 0 } partition && unitRow.GetString(QueueRowKey) is { Length: > 0 } key
                && unitRow.GetString(QueueETag) is { Length: > 0 } queueETag
                ? new WrittenRow(partition, key, new Azure.ETag(queueETag)) : null);

        public void WriteTo(TableEntity unitRow)
        {
            if (Status is { } status) unitRow[StatusETag] = status.ETag.ToString();
            if (Queue is { } queue)
            {
                unitRow[QueuePartition] = queue.Partition;
                unitRow[QueueRowKey] = queue.RowKey;
                unitRow[QueueETag] = queue.ETag.ToString();
            }
        }
    }

    /// <summary>Key characters that Table Storage forbids (/ \ # ? and control characters) are replaced.</summary>
    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));
}
