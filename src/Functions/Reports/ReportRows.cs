using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>The rows of the reporting read model: the figures in table <c>Reports</c> (<c>r|</c>, <c>bal</c>), the
/// projector's bookkeeping in table <c>ReportState</c> (<c>open</c>) and the clients' first referrals in <c>ReportClients</c> (<c>c|</c>). A report reads three ranges, whatever the
/// number of referrals: its year's roll-up, the running-service balance and the open work, each one row per slice
/// (unit × profile × service type), so its cost follows the number of slices:
/// <list type="bullet">
/// <item><c>r|{yyyy}</c>: one <c>cell|{unit}|{profile}|{service type}</c> row per slice with the year's counts per
/// month (<c>{"01": {counter: n}, …}</c>), and a <c>seen|{referral}|{version}</c> mark per event applied, written in
/// the same transaction, so a redelivered event is never counted twice;</item>
/// <item><c>bal</c>: the same per slice for the running-service balance per year (<see cref="ReportCounters.RunningFrom"/>);</item>
/// <item><c>open</c>: per slice its open work as a histogram (<c>{kind: {due ticks: n}}</c>), so "overdue now" sums the
/// keys before now; and per referral (<c>ref|{referral}</c>) the version applied and its open work, written in the
/// same transaction as the histogram, so the histogram moves from exactly what the referral owed before;</item>
/// <item><c>c|{bucket}</c>: per client (a hash of the opaque id) its first referral, for new or returning clients.</item>
/// </list>
/// The logical partitions a report asks for stay per month (<c>m|yyyy-MM</c>) and per year's balance (<c>y|yyyy</c>);
/// <see cref="TableReportModel"/> reads them out of the wide rows. No row holds a client id, name or identity code.</summary>
internal static class ReportRows
{
    public const string CellPrefix = "cell|";
    public const string CellEnd = "cell}";
    public const string SeenPrefix = "seen|";
    public const string SeenEnd = "seen}";
    public const string Balance = "bal";
    public const string Open = "open";
    public const string ReferralPrefix = "ref|";

    /// <summary>A month as a report asks for it (not stored: the counts live in the year's roll-up).</summary>
    public static string MonthPartition(DateOnly on) => "m|" + on.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string MonthPartition(int year, int month) => MonthPartition(new DateOnly(year, month, 1));

    /// <summary>A year's running balance as a report asks for it (stored in <see cref="Balance"/>).</summary>
    public static string YearPartition(int year) => "y|" + Year(year);

    /// <summary>The stored partition of a year's counts.</summary>
    public static string RollupPartition(int year) => "r|" + Year(year);

    public static string MonthSlot(DateOnly on) => on.Month.ToString("D2", CultureInfo.InvariantCulture);

    public static string Year(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    public static string CellKey(ReportCell cell) => CellPrefix + Escape(cell.Unit) + "|" + Escape(cell.ProfileId) + "|" + Escape(cell.ServiceTypeCode);

    public static string SeenKey(string referralId, int version) =>
        SeenPrefix + referralId + "|" + version.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The referral and version of a mark (<see cref="SeenKey"/>); null for any other row key.</summary>
    public static (string ReferralId, int Version)? ReadSeenKey(string rowKey)
    {
        if (!rowKey.StartsWith(SeenPrefix, StringComparison.Ordinal)) return null;
        var bar = rowKey.LastIndexOf('|');
        return bar > SeenPrefix.Length && int.TryParse(rowKey.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (rowKey[SeenPrefix.Length..bar], version)
            : null;
    }

    /// <summary>The range of a referral's marks in a partition.</summary>
    public static (string From, string To) SeenRange(string referralId) => (SeenPrefix + referralId + "|", SeenPrefix + referralId + "}");

    public static string ReferralKey(string referralId) => ReferralPrefix + referralId;

    public static string ClientPartition(string clientKey) => "c|" + clientKey[..2];

    /// <summary>The client's row key: a hash of the opaque id, so even this table holds no client id.</summary>
    public static string ClientKey(string clientId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("report-client|" + clientId)));

    /// <summary>A piece of open work in a referral's list: <c>{due ticks}|{kind}</c>.</summary>
    public static string DueKey(DueWork work) => Ticks(work.DueAt) + "|" + work.Kind;

    public static (string Ticks, string Kind) ParseDueKey(string key) => (key[..key.IndexOf('|')], key[(key.IndexOf('|') + 1)..]);

    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A slice's row: counts per slot (month, year or kind), zeros and empty slots left out.</summary>
    public static TableEntity CellRow(string partition, ReportCell cell, IReadOnlyDictionary<string, Dictionary<string, long>> slots)
    {
        var row = new TableEntity(partition, CellKey(cell))
        {
            ["Unit"] = cell.Unit,
            ["ProfileId"] = cell.ProfileId,
            ["ServiceTypeCode"] = cell.ServiceTypeCode,
        };
        StorageJson.Write(row, "Counts", Compact(slots));
        return row;
    }

    public static bool IsEmpty(IReadOnlyDictionary<string, Dictionary<string, long>> slots) => Compact(slots).Count == 0;

    private static SortedDictionary<string, SortedDictionary<string, long>> Compact(IReadOnlyDictionary<string, Dictionary<string, long>> slots)
    {
        var compact = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (slot, counts) in slots)
        {
            var nonzero = new SortedDictionary<string, long>(counts.Where(c => c.Value != 0).ToDictionary(), StringComparer.Ordinal);
            if (nonzero.Count > 0) compact[slot] = nonzero;
        }
        return compact;
    }

    public static (ReportCell Cell, Dictionary<string, Dictionary<string, long>> Slots) ReadCell(TableEntity row) =>
        (new ReportCell(row.GetString("Unit"), row.GetString("ProfileId"), row.GetString("ServiceTypeCode")),
            StorageJson.Read<Dictionary<string, Dictionary<string, long>>>(row, "Counts"));

    /// <summary>Adds <paramref name="add"/> into <paramref name="total"/>, slot by slot.</summary>
    public static void AddInto(Dictionary<string, Dictionary<string, long>> total, IReadOnlyDictionary<string, Dictionary<string, long>> add)
    {
        foreach (var (slot, counts) in add)
        {
            if (!total.TryGetValue(slot, out var into)) total[slot] = into = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (counter, value) in counts) into[counter] = into.GetValueOrDefault(counter) + value;
        }
    }

    /// <summary>The referral's row in <see cref="Open"/>: the version applied and its open work.</summary>
    public static TableEntity ReferralRow(string referralId, int version, IEnumerable<string> dueKeys) => new(Open, ReferralKey(referralId))
    {
        ["Version"] = version,
        ["Due"] = string.Join(',', dueKeys),
    };

    public static IReadOnlyList<string> DueKeysOf(TableEntity? referralRow) =>
        referralRow?.GetString("Due") is { Length: > 0 } keys ? keys.Split(',') : [];

    /// <summary>A referral's open work as histogram counts (+1 each, or -1 each to take it away).</summary>
    public static Dictionary<string, Dictionary<string, long>> DueHistogram(IEnumerable<string> dueKeys, long sign = 1)
    {
        var slots = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var key in dueKeys)
        {
            var (ticks, kind) = ParseDueKey(key);
            AddInto(slots, new Dictionary<string, Dictionary<string, long>> { [kind] = new(StringComparer.Ordinal) { [ticks] = sign } });
        }
        return slots;
    }

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? '_' : c));
}
