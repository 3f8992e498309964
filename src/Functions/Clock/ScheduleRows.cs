using System.Globalization;
using Azure.Data.Tables;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Clock;

/// <summary>The rows of table <c>Schedule</c>: one partition, RowKey = zero-padded due ticks + referral
/// id + kind. Keys sort by due time, so "due at or before now" is a range query that never reads a timer
/// due later, and the first row is the next due time.</summary>
public static class ScheduleRows
{
    public const string Partition = "due";

    public static string RowKey(string referralId, DueTimer timer) =>
        timer.DueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + referralId + "|" + timer.Kind;

    /// <summary>Every row key of a timer due at or before <paramref name="now"/> sorts below this.</summary>
    public static string DueBefore(DateTimeOffset now) =>
        (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);

    public static TableEntity Row(string referralId, DueTimer timer) => new(Partition, RowKey(referralId, timer))
    {
        ["ReferralId"] = referralId,
        ["Kind"] = timer.Kind.ToString(),
        ["DueAt"] = timer.DueAt,
    };

    public static (string ReferralId, TimerKind Kind, DateTimeOffset DueAt) Read(TableEntity row) =>
        (row.GetString("ReferralId"), Enum.Parse<TimerKind>(row.GetString("Kind")), row.GetDateTimeOffset("DueAt") ?? default);

    /// <summary>The idempotency key of a timer's command: the same for every host that fires it.</summary>
    public static string IdempotencyKey(TimerKind kind, DateTimeOffset dueAt) =>
        "timer-" + kind + "-" + dueAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
