using System.Globalization;
using System.Text.RegularExpressions;

namespace Referrals.Functions.Reports;

/// <summary>What a report can be grouped by; all but <see cref="Month"/> can also filter.</summary>
internal enum ReportDimension { Authority, Municipality, Unit, Profile, ServiceType, LegalBasis, Month }

/// <summary>A calendar period of whole months (Helsinki dates): a year <c>2025</c>, a quarter <c>2025-Q2</c>
/// or a month <c>2025-03</c>.</summary>
internal sealed partial record ReportPeriod(string Label, DateOnly From, DateOnly To)
{
    public IEnumerable<DateOnly> Months()
    {
        for (var m = From; m <= To; m = m.AddMonths(1)) yield return m;
    }

    public static ReportPeriod? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var match = Shape().Match(text);
        if (!match.Success) return null;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100) return null;
        if (match.Groups["q"].Success)
        {
            var q = match.Groups["q"].Value[0] - '0';
            var from = new DateOnly(year, (q - 1) * 3 + 1, 1);
            return new ReportPeriod(text, from, from.AddMonths(2));
        }
        if (match.Groups["m"].Success)
        {
            var from = new DateOnly(year, int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture), 1);
            return new ReportPeriod(text, from, from);
        }
        return new ReportPeriod(text, new DateOnly(year, 1, 1), new DateOnly(year, 12, 1));
    }

    /// <summary>The last day of the period (<see cref="To"/> is the first day of its last month).</summary>
    public DateOnly LastDay => To.AddMonths(1).AddDays(-1);

    [GeneratedRegex("^(?<y>[0-9]{4})(-Q(?<q>[1-4])|-(?<m>0[1-9]|1[0-2]))?$")]
    private static partial Regex Shape();
}

/// <summary>One report request: which report, the period, the grouping and the filters.</summary>
internal sealed record ReportQuery(string Name, ReportPeriod Period, ReportDimension? GroupBy, IReadOnlyDictionary<ReportDimension, string> Filters)
{
    public static readonly IReadOnlyList<string> Names = ["overview", "volumes", "clients", "lead-times", "overdue", "instrument-change"];

    public static string DimensionName(ReportDimension d) => JsonNamingPolicy(d.ToString());

    public static ReportDimension? ParseDimension(string? text) =>
        Enum.GetValues<ReportDimension>().Cast<ReportDimension?>().FirstOrDefault(d => string.Equals(DimensionName(d!.Value), text, StringComparison.OrdinalIgnoreCase));

    private static string JsonNamingPolicy(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
