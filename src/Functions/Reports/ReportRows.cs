using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>The rows of table <c>Reports</c>, the reporting read model. A report reads only the count rows
/// of its months (and the year balances before them) and the overdue rows due before now, so its cost
/// follows the number of units × profiles × service types, not the number of referrals:
/// <list type="bullet">
/// <item><c>m|{yyyy-MM}</c>: one <c>cell|{unit}|{profile}|{service type}</c> row per slice with that month's
/// counts, and a <c>seen|{referral}|{version}</c> mark per event applied, written in the same transaction,
/// so a redelivered event is never counted twice;</item>
/// <item><c>y|{yyyy}</c>: the same for the year's running-service balance (<see cref="ReportCounters.RunningFrom"/>);</item>
/// <item><c>due</c>: a row per piece of open work, RowKey = due ticks, so "overdue now" is one range up to now;</item>
/// <item><c>p|{bucket}</c>: per referral the version applied and its open-work rows;</item>
/// <item><c>c|{bucket}</c>: per client (a hash of the opaque id) its first referral, for new or returning clients.</item>
/// </list>
/// No row holds a client id, name or identity code.</summary>
public static class ReportRows
{
    public const string CellPrefix = "cell|";
    public const string CellEnd = "cell}";
    public const string SeenPrefix = "seen|";
    public const string Due = "due";

    public static string MonthPartition(DateOnly on) => "m|" + on.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string MonthPartition(int year, int month) => MonthPartition(new DateOnly(year, month, 1));

    public static string YearPartition(int year) => "y|" + year.ToString("D4", CultureInfo.InvariantCulture);

    public static string CellKey(ReportCell cell) => CellPrefix + Escape(cell.Unit) + "|" + Escape(cell.ProfileId) + "|" + Escape(cell.ServiceTypeCode);

    public static string SeenKey(string referralId, int version) =>
        SeenPrefix + referralId + "|" + version.ToString("D10", CultureInfo.InvariantCulture);

    public static string ProgressPartition(string referralId) => "p|" + Bucket(referralId);

    public static string ClientPartition(string clientKey) => "c|" + clientKey[..2];

    /// <summary>The client's row key: a hash of the opaque id, so even this table holds no client id.</summary>
    public static string ClientKey(string clientId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("report-client|" + clientId)));

    public static string DueKey(DueWork work, string referralId) =>
        work.DueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + referralId + "|" + work.Kind;

    public static string DueKeyBefore(DateTimeOffset now) => now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static TableEntity CellRow(string partition, ReportCell cell, IReadOnlyDictionary<string, long> counts)
    {
        var row = new TableEntity(partition, CellKey(cell))
        {
            ["Unit"] = cell.Unit,
            ["ProfileId"] = cell.ProfileId,
            ["ServiceTypeCode"] = cell.ServiceTypeCode,
        };
        StorageJson.Write(row, "Counts", new SortedDictionary<string, long>(counts.Where(c => c.Value != 0).ToDictionary(), StringComparer.Ordinal));
        return row;
    }

    public static (ReportCell Cell, Dictionary<string, long> Counts) ReadCell(TableEntity row) =>
        (new ReportCell(row.GetString("Unit"), row.GetString("ProfileId"), row.GetString("ServiceTypeCode")),
            StorageJson.Read<Dictionary<string, long>>(row, "Counts"));

    public static TableEntity DueRow(DueWork work, string referralId, ReportCell cell) => new(Due, DueKey(work, referralId))
    {
        ["Unit"] = cell.Unit,
        ["ProfileId"] = cell.ProfileId,
        ["ServiceTypeCode"] = cell.ServiceTypeCode,
        ["Kind"] = work.Kind,
        ["DueAt"] = work.DueAt,
    };

    private static string Bucket(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 1));

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? '_' : c));
}
