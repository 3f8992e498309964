using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Commands;

/// <summary>The rows of a referral's partition in table <c>Referrals</c> (PartitionKey = referral id):
/// <c>state-{id}</c> (the snapshot), <c>evt-0000000001-{id}…</c> (the events, the audit trail),
/// <c>cmd-{key}</c> (idempotency), <c>out-{version}-{n}</c> (the outbox).
/// The snapshot's and the events' keys carry the referral id although it is the partition's: a RowKey that every
/// partition shares ("state") makes each point read and insert on Azurite cost as much as there are referrals
/// (its index is on RowKey, the partition is filtered after), and costs nothing on Azure. Outbox rows live
/// seconds, so few share a key at any time.</summary>
internal static partial class ReferralRows
{
    public const string SnapshotPrefix = "state-";

    /// <summary>The first key after every snapshot row ('.' follows '-').</summary>
    public const string SnapshotEnd = "state.";
    public const string EventPrefix = "evt-";

    /// <summary>The first key after every event row.</summary>
    public const string EventEnd = "evt.";
    public const string CommandPrefix = "cmd-";
    public const string OutboxPrefix = "out-";

    /// <summary>The first key after every outbox row ('.' follows '-').</summary>
    public const string OutboxEnd = "out.";

    public static string SnapshotKey(string referralId) => SnapshotPrefix + referralId;

    /// <summary>Within a partition the keys sort by version (ten digits, then the partition's own id).</summary>
    public static string EventKey(string referralId, int version) =>
        EventPrefix + version.ToString("D10", CultureInfo.InvariantCulture) + "-" + referralId;

    /// <summary>The version whose command wrote an outbox row (0 for a key of another shape).</summary>
    public static int OutboxVersion(string rowKey) =>
        rowKey.Length >= OutboxPrefix.Length + 10 && int.TryParse(rowKey.AsSpan(OutboxPrefix.Length, 10), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version : 0;

    public static string OutboxKey(int version, int n) =>
        OutboxPrefix + version.ToString("D10", CultureInfo.InvariantCulture) + "-" + n.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>Client keys are used as they are when safe in a RowKey, otherwise hashed.</summary>
    public static string CommandKey(string idempotencyKey) =>
        CommandPrefix + (SafeKey().IsMatch(idempotencyKey)
            ? idempotencyKey
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey))));

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,200}$")]
    private static partial Regex SafeKey();

    public static TableEntity SnapshotRow(ReferralState state, IReadOnlyList<DueTimer> timers)
    {
        var row = new TableEntity(state.Id, SnapshotKey(state.Id))
        {
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
            ["Unit"] = state.Unit,
        };
        StorageJson.Write(row, "State", state);
        StorageJson.Write(row, "Timers", timers);
        return row;
    }

    public static ReferralState ReadState(TableEntity row) => StorageJson.Read<ReferralState>(row, "State");

    public static IReadOnlyList<DueTimer> ReadTimers(TableEntity row) =>
        row.ContainsKey("Timers") ? StorageJson.Read<List<DueTimer>>(row, "Timers") : [];

    /// <summary>An event row: the audit columns (who, role, unit, when, what) beside the event itself.</summary>
    public static TableEntity EventRow(string referralId, int version, ReferralEvent @event)
    {
        var row = new TableEntity(referralId, EventKey(referralId, version))
        {
            ["Version"] = version,
            ["Type"] = @event.GetType().Name,
            ["At"] = @event.At,
            ["UserId"] = @event.By.UserId,
            ["Role"] = @event.By.Role.ToString(),
            ["Unit"] = @event.By.Unit,
        };
        StorageJson.Write<ReferralEvent>(row, "Event", @event);
        return row;
    }

    public static RecordedEvent ReadEvent(TableEntity row) =>
        new(row.GetInt32("Version") ?? int.Parse(row.RowKey.AsSpan(EventPrefix.Length, 10), CultureInfo.InvariantCulture),
            StorageJson.Read<ReferralEvent>(row, "Event"));

    /// <param name="fingerprint">A hash of the caller, route and body the key was first used with (no personal data).</param>
    public static TableEntity CommandRow(string referralId, string idempotencyKey, string commandType, int firstVersion, int version, DateTimeOffset at,
        string? fingerprint = null)
    {
        var row = new TableEntity(referralId, CommandKey(idempotencyKey))
        {
            ["Command"] = commandType,
            ["FirstVersion"] = firstVersion,
            ["Version"] = version,
            ["At"] = at,
        };
        if (fingerprint is not null) row["Fingerprint"] = fingerprint;
        return row;
    }

    public static TableEntity OutboxRow(string referralId, string rowKey, OutboxItem item, DateTimeOffset at)
    {
        var row = new TableEntity(referralId, rowKey)
        {
            ["Kind"] = item switch { MailItem => "mail", IndexItem => "index", _ => "other" },
            ["CreatedAt"] = at,
            ["Attempts"] = 0,
        };
        StorageJson.Write(row, "Item", item);
        return row;
    }

    public static OutboxItem ReadOutboxItem(TableEntity row) => StorageJson.Read<OutboxItem>(row, "Item");
}
