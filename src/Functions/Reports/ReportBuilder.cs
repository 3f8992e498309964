using System.Globalization;
using Referrals.Domain.Profiles;

namespace Referrals.Functions.Reports;

/// <summary>A report: its sections, each a table of groups × figures with a total row. A value is a number,
/// <see cref="ReportBuilder.Hidden"/> ("&lt;5") for a suppressed count, or null where a figure has too few
/// cases to show (a median of fewer than five lead times).</summary>
internal sealed record Report(
    string Name, string Period, DateOnly From, DateOnly To, string? GroupBy, IReadOnlyDictionary<string, string> Filters,
    DateTimeOffset GeneratedAt, IReadOnlyList<ReportSection> Sections);

internal sealed record ReportSection(string Id, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows, ReportRow Total);

internal sealed record ReportRow(string Group, IReadOnlyDictionary<string, object?> Values);

/// <summary>Builds reports from the model's counts: filters and scope (the caller's authorities) by each
/// slice's dimensions, sums per group, then suppresses (<see cref="Suppression"/>).</summary>
internal sealed class ReportBuilder(ReportOptions options, ProcessConfiguration configuration)
{
    public const string Hidden = "<5";
    public const string All = "all";

    public ReportOptions Options => options;

    public ProcessConfiguration Configuration => configuration;

    /// <summary>The partitions a report of this period reads: its year's months up to its end (the running
    /// balance needs the months before it) and the balances of the years before.</summary>
    public IReadOnlyList<string> PartitionsFor(ReportPeriod period)
    {
        var partitions = new List<string>();
        for (var m = new DateOnly(period.From.Year, 1, 1); m <= period.To; m = m.AddMonths(1)) partitions.Add(ReportRows.MonthPartition(m));
        for (var y = Math.Min(options.FirstYear, period.From.Year); y < period.From.Year; y++) partitions.Add(ReportRows.YearPartition(y));
        return partitions;
    }

    public string ValueOf(ReportCell cell, ReportDimension dimension) => dimension switch
    {
        ReportDimension.Authority => options.AuthorityOf(cell.Unit),
        ReportDimension.Municipality => options.MunicipalityOf(cell.Unit),
        ReportDimension.Unit => cell.Unit,
        ReportDimension.Profile => cell.ProfileId,
        ReportDimension.ServiceType => cell.ServiceTypeCode,
        ReportDimension.LegalBasis => configuration.Catalogue.Find(cell.ServiceTypeCode)?.LegalBasisCode ?? ReportOptions.Unknown,
        _ => All,
    };

    private bool Selected(ReportCell cell, ReportQuery query, IReadOnlySet<string> authorities) =>
        authorities.Contains(options.AuthorityOf(cell.Unit)) &&
        query.Filters.All(f => string.Equals(ValueOf(cell, f.Key), f.Value, StringComparison.Ordinal));

    public Report Build(ReportQuery query, IReadOnlySet<string> authorities, IReadOnlyList<CellCounts> cells, IReadOnlyList<OpenWork> overdue, DateTimeOffset now)
    {
        var period = query.Period;
        var inPeriod = period.Months().Select(ReportRows.MonthPartition).ToHashSet(StringComparer.Ordinal);
        var chosen = cells.Where(c => Selected(c.Cell, query, authorities)).ToList();
        string GroupOf(CellCounts c) => query.GroupBy switch
        {
            null => All,
            ReportDimension.Month => c.Partition[2..],
            { } d => ValueOf(c.Cell, d),
        };
        var groups = Sum(chosen.Where(c => inPeriod.Contains(c.Partition)), GroupOf);
        var total = Sum(chosen.Where(c => inPeriod.Contains(c.Partition)), _ => All).GetValueOrDefault(All) ?? new Dictionary<string, long>();
        // Ungrouped, the total row is the report.
        var names = query.GroupBy is null ? [] : groups.Keys.OrderBy(g => g, StringComparer.Ordinal).ToList();
        if (query.GroupBy == ReportDimension.Month) names = period.Months().Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();

        var sections = new List<ReportSection>();
        var name = query.Name;
        bool Wants(string report) => name == "overview" || name == report;
        if (Wants("volumes"))
        {
            sections.Add(Counts("submitted", [ReportCounters.Submitted], names, groups, total, rowTotal: false));
            sections.Add(Counts("lines", ReportCounters.LineOutcomes.Select(ReportCounters.Line).ToList(), names, groups, total, rowTotal: true));
            sections.Add(Counts("withdrawn", [ReportCounters.Withdrawn], names, groups, total, rowTotal: false));
            sections.Add(Counts("decisions", ReportCounters.DecisionKinds.Select(ReportCounters.Signed).ToList(), names, groups, total, rowTotal: true));
            sections.Add(Counts("started", [ReportCounters.Started], names, groups, total, rowTotal: false));
            sections.Add(Running(query, chosen, names, GroupOf));
            sections.Add(Counts("closed", ReportCounters.ClosedReasons.Select(ReportCounters.Closed).ToList(), names, groups, total, rowTotal: true));
        }
        if (Wants("clients"))
        {
            sections.Add(Counts("age-at-decision", Discovered(total, "age."), names, groups, total, rowTotal: true));
            sections.Add(Counts("birth-decade", Discovered(total, "birth."), names, groups, total, rowTotal: true));
            sections.Add(Counts("new-or-returning", [ReportCounters.ClientNew, ReportCounters.ClientReturning], names, groups, total, rowTotal: true));
        }
        if (Wants("lead-times"))
        {
            foreach (var lead in ReportCounters.LeadTimes) sections.Add(LeadTime(lead, names, groups, total));
            sections.Add(Shares(names, groups, total));
        }
        if (Wants("overdue")) sections.Add(Overdue(query, authorities, overdue));
        if (Wants("instrument-change"))
            foreach (var instrument in configuration.AllInstruments)
                foreach (var area in instrument.Areas) sections.Add(Change(instrument.Id, area.Code, names, groups, total));

        return new Report(name, period.Label, period.From, period.LastDay, query.GroupBy is { } g ? ReportQuery.DimensionName(g) : null,
            query.Filters.ToDictionary(f => ReportQuery.DimensionName(f.Key), f => f.Value), now, sections);
    }

    private static Dictionary<string, Dictionary<string, long>?> Sum(IEnumerable<CellCounts> cells, Func<CellCounts, string> groupOf)
    {
        var sums = new Dictionary<string, Dictionary<string, long>?>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var key = groupOf(cell);
            var sum = sums.GetValueOrDefault(key) ?? new Dictionary<string, long>(StringComparer.Ordinal);
            sums[key] = sum;
            foreach (var (counter, value) in cell.Counts) sum[counter] = sum.GetValueOrDefault(counter) + value;
        }
        return sums;
    }

    private static List<string> Discovered(IReadOnlyDictionary<string, long> total, string prefix) =>
        total.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(k => int.TryParse(k[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ThenBy(k => k, StringComparer.Ordinal).ToList();

    private static long Get(IReadOnlyDictionary<string, Dictionary<string, long>?> groups, string group, string counter) =>
        groups.GetValueOrDefault(group)?.GetValueOrDefault(counter) ?? 0;

    /// <summary>A table of counts: the columns are counters (then "total" when they are parts of one whole).</summary>
    private ReportSection Counts(string id, IReadOnlyList<string> counters, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, Dictionary<string, long>?> groups, IReadOnlyDictionary<string, long> total, bool rowTotal)
    {
        var values = new long[names.Count + 1, counters.Count + (rowTotal ? 1 : 0)];
        for (var r = 0; r <= names.Count; r++)
        {
            long sum = 0;
            for (var c = 0; c < counters.Count; c++)
            {
                var v = r < names.Count ? Get(groups, names[r], counters[c]) : total.GetValueOrDefault(counters[c]);
                values[r, c] = v;
                sum += v;
            }
            if (rowTotal) values[r, counters.Count] = sum;
        }
        var columns = counters.Select(ColumnName).Concat(rowTotal ? ["total"] : []).ToList();
        return Table(id, columns, names, values, rowTotal);
    }

    private ReportSection Table(string id, IReadOnlyList<string> columns, IReadOnlyList<string> names, long[,] values, bool rowTotal,
        Action<int, Dictionary<string, object?>>? extra = null, IReadOnlyList<string>? extraColumns = null)
    {
        var hidden = Suppression.Apply(values, rowTotal, options.SuppressBelow);
        ReportRow Row(int r)
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < columns.Count; c++) cells[columns[c]] = hidden[r, c] ? Hidden : values[r, c];
            extra?.Invoke(r, cells);
            return new ReportRow(r < names.Count ? names[r] : All, cells);
        }
        return new ReportSection(id, columns.Concat(extraColumns ?? []).ToList(), names.Select((_, r) => Row(r)).ToList(), Row(names.Count));
    }

    private static string ColumnName(string counter) =>
        counter.IndexOf('.') is var dot and > 0 && !counter.StartsWith("client.", StringComparison.Ordinal) ? counter[(dot + 1)..] : counter.Replace("client.", "", StringComparison.Ordinal);

    /// <summary>Services running at the end of the period (per group; per month, at each month's end).</summary>
    private ReportSection Running(ReportQuery query, IReadOnlyList<CellCounts> chosen, IReadOnlyList<string> names, Func<CellCounts, string> groupOf)
    {
        long Balance(IEnumerable<CellCounts> cells) => cells.Sum(c => c.Counts.GetValueOrDefault(ReportCounters.RunningFrom) - c.Counts.GetValueOrDefault(ReportCounters.RunningUntil));
        bool UpTo(CellCounts c, DateOnly end) => c.Partition.StartsWith("y|", StringComparison.Ordinal) ||
            string.CompareOrdinal(c.Partition, ReportRows.MonthPartition(end)) <= 0;
        var values = new long[names.Count + 1, 1];
        for (var r = 0; r < names.Count; r++)
        {
            values[r, 0] = query.GroupBy == ReportDimension.Month
                ? Balance(chosen.Where(c => UpTo(c, DateOnly.ParseExact(names[r] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture))))
                : Balance(chosen.Where(c => UpTo(c, query.Period.To) && groupOf(c) == names[r]));
        }
        values[names.Count, 0] = query.GroupBy == ReportDimension.Month && names.Count > 0
            ? values[names.Count - 1, 0]
            : Balance(chosen.Where(c => UpTo(c, query.Period.To)));
        // Per month the months are not parts of a whole: only the small counts are hidden.
        return Table("running-at-end", ["running"], names, values, rowTotal: false);
    }

    private ReportSection LeadTime(string lead, IReadOnlyList<string> names, IReadOnlyDictionary<string, Dictionary<string, long>?> groups, IReadOnlyDictionary<string, long> total)
    {
        var prefix = "lead." + lead + ".";
        List<(int Days, long Count)> Histogram(IReadOnlyDictionary<string, long>? counts) =>
            (counts ?? new Dictionary<string, long>()).Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(kv => (int.Parse(kv.Key[prefix.Length..], CultureInfo.InvariantCulture), kv.Value)).OrderBy(x => x.Item1).ToList();
        var histograms = names.Select(n => Histogram(groups.GetValueOrDefault(n))).Append(Histogram(total)).ToList();
        var values = new long[names.Count + 1, 1];
        for (var r = 0; r < histograms.Count; r++) values[r, 0] = histograms[r].Sum(h => h.Count);
        var hidden = Suppression.Apply(values, false, options.SuppressBelow);
        return Table(lead, ["n"], names, values, rowTotal: false, (r, cells) =>
        {
            var shown = !hidden[r, 0] && values[r, 0] >= options.SuppressBelow;
            foreach (var (column, p) in Quantiles) cells[column] = shown ? Percentile(histograms[r], p) : null;
        }, Quantiles.Select(q => q.Column).ToList());
    }

    private static readonly (string Column, double P)[] Quantiles = [("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9)];

    /// <summary>The nearest-rank percentile of a histogram of days.</summary>
    public static int? Percentile(IReadOnlyList<(int Days, long Count)> histogram, double p)
    {
        var n = histogram.Sum(h => h.Count);
        if (n == 0) return null;
        var rank = (long)Math.Ceiling(p * n);
        if (rank < 1) rank = 1;
        long seen = 0;
        foreach (var (days, count) in histogram)
        {
            seen += count;
            if (seen >= rank) return days;
        }
        return histogram[^1].Days;
    }

    /// <summary>Client plans within a month of the start, re-measurements within their window: both counts and the share.</summary>
    private ReportSection Shares(IReadOnlyList<string> names, IReadOnlyDictionary<string, Dictionary<string, long>?> groups, IReadOnlyDictionary<string, long> total)
    {
        string[] counters = [ReportCounters.Plans, ReportCounters.PlansInTime, ReportCounters.Remeasurements, ReportCounters.RemeasurementsInWindow];
        var values = new long[names.Count + 1, counters.Length];
        for (var r = 0; r <= names.Count; r++)
            for (var c = 0; c < counters.Length; c++)
                values[r, c] = r < names.Count ? Get(groups, names[r], counters[c]) : total.GetValueOrDefault(counters[c]);
        var hidden = Suppression.Apply(values, false, options.SuppressBelow);
        return Table("follow-up-in-time", counters, names, values, rowTotal: false, (r, cells) =>
        {
            cells["plans-in-time-share"] = Share(r, 1, 0);
            cells["remeasurements-in-window-share"] = Share(r, 3, 2);
        }, ["plans-in-time-share", "remeasurements-in-window-share"]);

        double? Share(int r, int part, int whole) =>
            hidden[r, part] || hidden[r, whole] || values[r, whole] == 0 ? null : Math.Round(100.0 * values[r, part] / values[r, whole], 1);
    }

    /// <summary>Open work past its day now, per group (per unit unless the report is grouped otherwise), by kind.</summary>
    private ReportSection Overdue(ReportQuery query, IReadOnlySet<string> authorities, IReadOnlyList<OpenWork> overdue)
    {
        var by = query.GroupBy is null or ReportDimension.Month ? ReportDimension.Unit : query.GroupBy.Value;
        var chosen = overdue.Where(w => Selected(w.Cell, query, authorities)).ToList();
        var names = chosen.Select(w => ValueOf(w.Cell, by)).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        var kinds = OverdueWork.Kinds;
        var values = new long[names.Count + 1, kinds.Count + 1];
        foreach (var w in chosen)
        {
            var r = names.IndexOf(ValueOf(w.Cell, by));
            var c = kinds.ToList().IndexOf(w.Kind);
            if (c < 0) continue;
            values[r, c] += w.Count;
            values[names.Count, c] += w.Count;
        }
        for (var r = 0; r <= names.Count; r++) values[r, kinds.Count] = Enumerable.Range(0, kinds.Count).Sum(c => values[r, c]);
        return Table("overdue-now", kinds.Append("total").ToList(), names, values, rowTotal: true);
    }

    /// <summary>Change of one instrument area between the baseline and the last measurement, over services closed in the period.</summary>
    private ReportSection Change(string instrument, string area, IReadOnlyList<string> names, IReadOnlyDictionary<string, Dictionary<string, long>?> groups, IReadOnlyDictionary<string, long> total)
    {
        string[] parts = ["better", "same", "worse"];
        var values = new long[names.Count + 1, parts.Length + 1];
        var sums = new long[names.Count + 1];
        for (var r = 0; r <= names.Count; r++)
        {
            var counts = r < names.Count ? groups.GetValueOrDefault(names[r]) ?? [] : total;
            for (var c = 0; c < parts.Length; c++) values[r, c] = counts.GetValueOrDefault(ReportCounters.Change(instrument, area, parts[c]));
            values[r, parts.Length] = counts.GetValueOrDefault(ReportCounters.Change(instrument, area, "n"));
            sums[r] = counts.GetValueOrDefault(ReportCounters.Change(instrument, area, "sum"));
        }
        var hidden = Suppression.Apply(values, true, options.SuppressBelow);
        return Table(instrument + "." + area, [.. parts, "n"], names, values, rowTotal: true, (r, cells) =>
            cells["mean-change"] = hidden[r, parts.Length] || values[r, parts.Length] < options.SuppressBelow
                ? null : Math.Round((double)sums[r] / values[r, parts.Length], 2), ["mean-change"]);
    }
}
