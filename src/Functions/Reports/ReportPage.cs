using System.Globalization;
using System.Text;
using Referrals.Domain.Profiles;
using Referrals.Functions.Text;

namespace Referrals.Functions.Reports;

/// <summary>The report page: server-rendered HTML in Finnish or Swedish, every figure in a table cell that names
/// its section, group and column (<c>data-section</c>, <c>data-group</c>, <c>data-column</c>), and the charts as
/// inline SVG drawn from the same figures. No script, no external resource; a print style.</summary>
internal static class ReportPage
{
    private static readonly string[] Palette = ["#1f5f8b", "#c8553d", "#e9a03b", "#5b8e55", "#7d5ba6", "#888888"];

    public static string Render(Report report, Report monthly, Report leadTimesByUnit, ProcessConfiguration configuration, string language)
    {
        string T(string key) => ApiTexts.Get(key, language);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(T("report.title"))).Append(" ").Append(E(report.Period)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}")
            .Append("th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("figure{display:inline-block;margin:0 1.5rem 1.5rem 0;vertical-align:top}figcaption{font-weight:600}svg text{font-size:11px}")
            .Append(".note{color:#555}@media print{body{margin:0}figure,table{break-inside:avoid}}</style></head><body>");
        html.Append("<header><h1>").Append(E(T("report.title"))).Append("</h1><p>").Append(E(T("report.period"))).Append(": <strong data-period=\"")
            .Append(E(report.Period)).Append("\">").Append(E(report.Period)).Append("</strong> (").Append(Iso(report.From)).Append(" – ").Append(Iso(report.To)).Append(")");
        if (report.GroupBy is { } g) html.Append(" · ").Append(E(T("report.group-by"))).Append(": ").Append(E(T("report.dimension." + g)));
        foreach (var (k, v) in report.Filters) html.Append(" · ").Append(E(T("report.dimension." + k))).Append(": ").Append(E(v));
        html.Append("</p><p class=\"note\">").Append(E(T("report.suppression-note"))).Append("</p></header>");

        html.Append("<section aria-label=\"").Append(E(T("report.charts"))).Append("\">");
        Volumes(html, monthly, T);
        Bars(html, report.Sections.FirstOrDefault(s => s.Id == "age-at-decision"), T("report.chart.ages"), c => c);
        foreach (var lead in ReportCounters.LeadTimes)
            BoxPlots(html, leadTimesByUnit.Sections.FirstOrDefault(s => s.Id == lead), T("report.chart.lead-times") + ": " + T("report.section." + lead), T);
        Change(html, report, configuration, language, T);
        html.Append("</section>");

        foreach (var section in report.Sections)
        {
            html.Append("<section><h2>").Append(E(Title(section.Id, configuration, language, T))).Append("</h2><table data-section=\"").Append(E(section.Id))
                .Append("\"><thead><tr><th>").Append(E(report.GroupBy is { } by ? T("report.dimension." + by) : ""))
                .Append("</th>");
            foreach (var column in section.Columns) html.Append("<th>").Append(E(ColumnLabel(column, T))).Append("</th>");
            html.Append("</tr></thead><tbody>");
            foreach (var row in section.Rows.Append(section.Total))
            {
                html.Append("<tr><th scope=\"row\">").Append(E(row.Group == ReportBuilder.All ? T("report.total") : Label(row.Group, configuration, language))).Append("</th>");
                foreach (var column in section.Columns)
                    html.Append("<td data-section=\"").Append(E(section.Id)).Append("\" data-group=\"").Append(E(row.Group)).Append("\" data-column=\"")
                        .Append(E(column)).Append("\">").Append(E(Show(row.Values.GetValueOrDefault(column)))).Append("</td>");
                html.Append("</tr>");
            }
            html.Append("</tbody></table></section>");
        }
        html.Append("<footer class=\"note\">").Append(E(T("report.generated"))).Append(" ")
            .Append(report.GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)).Append("</footer></body></html>");
        return html.ToString();
    }

    /// <summary>A figure as the page and the CSV show it: the number (invariant), "&lt;5", or "–" where there are too few cases.</summary>
    public static string Show(object? value) => value is null ? "–" : ReportCsv.Value(value);

    /// <summary>Decades are their own label (30 = 30–39, 1990 = the 1990s); other columns have a text.</summary>
    private static string ColumnLabel(string column, Func<string, string> t) =>
        int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? column : t("report.column." + column);

    private static string Title(string id, ProcessConfiguration configuration, string language, Func<string, string> t)
    {
        var dot = id.IndexOf('.');
        if (dot > 0 && configuration.Instrument(id[..dot]) is { } instrument)
        {
            var area = instrument.Area(id[(dot + 1)..]);
            return t("report.section.instrument-change") + ": " + InstrumentName(instrument, language, t) + ": "
                + (area is null ? id[(dot + 1)..] : language == "sv" ? area.NameSv : area.NameFi);
        }
        return t("report.section." + id);
    }

    /// <summary>Service types by their name; units, profiles and the rest as they are.</summary>
    private static string Label(string group, ProcessConfiguration configuration, string language) =>
        configuration.Catalogue.Find(group) is { } service ? (language == "sv" ? service.NameSv : service.NameFi) : group;

    private static long Number(object? value) => value switch { long l => l, int i => i, double d => (long)d, _ => 0 };

    private static void Volumes(StringBuilder html, Report monthly, Func<string, string> t)
    {
        var lines = monthly.Sections.FirstOrDefault(s => s.Id == "lines");
        if (lines is null) return;
        var outcomes = lines.Columns.Where(c => c != "total").ToList();
        const int width = 640, height = 220, left = 40, bottom = 30;
        var max = Math.Max(1, lines.Rows.Max(r => outcomes.Sum(o => Number(r.Values.GetValueOrDefault(o)))));
        var slot = (width - left) / Math.Max(1, lines.Rows.Count);
        Open(html, t("report.chart.volumes"), width, height + 40);
        Axis(html, left, height - bottom, width, max);
        for (var i = 0; i < lines.Rows.Count; i++)
        {
            var row = lines.Rows[i];
            var x = left + i * slot + 2;
            var y = (double)(height - bottom);
            for (var o = 0; o < outcomes.Count; o++)
            {
                var v = Number(row.Values.GetValueOrDefault(outcomes[o]));
                var h = v * (height - bottom - 10.0) / max;
                y -= h;
                if (v > 0) html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y:0.#}\" width=\"{slot - 4}\" height=\"{h:0.#}\" fill=\"{Palette[o % Palette.Length]}\"><title>{E(row.Group)} {E(t("report.column." + outcomes[o]))}: {v}</title></rect>");
            }
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (slot - 4) / 2}\" y=\"{height - bottom + 14}\" text-anchor=\"middle\">{E(row.Group.Length >= 7 ? row.Group[5..] : row.Group)}</text>");
        }
        for (var o = 0; o < outcomes.Count; o++)
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + o * 120}\" y=\"{height + 8}\" width=\"10\" height=\"10\" fill=\"{Palette[o % Palette.Length]}\"/><text x=\"{left + o * 120 + 14}\" y=\"{height + 17}\">{E(t("report.column." + outcomes[o]))}</text>");
        html.Append("</svg><figcaption>").Append(E(t("report.chart.volumes"))).Append(" (").Append(E(t("report.suppressed-not-drawn"))).Append(")</figcaption></figure>");
    }

    private static void Bars(StringBuilder html, ReportSection? section, string title, Func<string, string> label)
    {
        if (section is null) return;
        var columns = section.Columns.Where(c => c != "total").ToList();
        const int width = 420, height = 200, left = 40, bottom = 30;
        var max = Math.Max(1, columns.Max(c => (long?)Number(section.Total.Values.GetValueOrDefault(c))) ?? 1);
        var slot = (width - left) / Math.Max(1, columns.Count);
        Open(html, title, width, height);
        Axis(html, left, height - bottom, width, max);
        for (var i = 0; i < columns.Count; i++)
        {
            var value = section.Total.Values.GetValueOrDefault(columns[i]);
            var v = Number(value);
            var h = v * (height - bottom - 10.0) / max;
            var x = left + i * slot + 4;
            if (v > 0) html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{height - bottom - h:0.#}\" width=\"{slot - 8}\" height=\"{h:0.#}\" fill=\"{Palette[0]}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (slot - 8) / 2}\" y=\"{height - bottom - h - 3:0.#}\" text-anchor=\"middle\">{E(Show(value))}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (slot - 8) / 2}\" y=\"{height - bottom + 14}\" text-anchor=\"middle\">{E(label(columns[i]))}</text>");
        }
        html.Append("</svg><figcaption>").Append(E(title)).Append("</figcaption></figure>");
    }

    private static void BoxPlots(StringBuilder html, ReportSection? section, string title, Func<string, string> t)
    {
        if (section is null) return;
        var rows = section.Rows.Where(r => r.Values.GetValueOrDefault("median") is not null).ToList();
        const int width = 420, row = 18, left = 120;
        var height = 30 + Math.Max(1, rows.Count) * row;
        var max = Math.Max(1, rows.Select(r => Number(r.Values.GetValueOrDefault("p90"))).DefaultIfEmpty(1).Max());
        double X(object? v) => left + Number(v) * (width - left - 20.0) / max;
        Open(html, title, width, height);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i].Values;
            var y = 10 + i * row;
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 11}\" text-anchor=\"end\">{E(rows[i].Group)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(r["p75"]):0.#}\" x2=\"{X(r["p90"]):0.#}\" y1=\"{y + 7}\" y2=\"{y + 7}\" stroke=\"#444\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{X(r["p25"]):0.#}\" y=\"{y}\" width=\"{Math.Max(1, X(r["p75"]) - X(r["p25"])):0.#}\" height=\"14\" fill=\"#cfe0ee\" stroke=\"#1f5f8b\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(r["median"]):0.#}\" x2=\"{X(r["median"]):0.#}\" y1=\"{y}\" y2=\"{y + 14}\" stroke=\"#c8553d\" stroke-width=\"2\"><title>{E(t("report.column.median"))} {E(Show(r["median"]))}</title></line>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 4}\">0</text><text x=\"{width - 20}\" y=\"{height - 4}\" text-anchor=\"end\">{max} {E(t("report.days"))}</text>");
        html.Append("</svg><figcaption>").Append(E(title)).Append(" (").Append(E(t("report.box-legend"))).Append(")</figcaption></figure>");
    }

    /// <summary>The instrument's name in the page's language, with the example label where it is one.</summary>
    public static string InstrumentName(Domain.Esy.EsyInstrument instrument, string language, Func<string, string> t) =>
        (language == "sv" ? instrument.NameSv : instrument.NameFi) + (instrument.IsExample ? " — " + t("report.instrument.example") : "");

    /// <summary>The mean change per area of every instrument, one chart each; a bar is coloured by the instrument's direction
    /// (a rise is better only where higher is better).</summary>
    private static void Change(StringBuilder html, Report report, ProcessConfiguration configuration, string language, Func<string, string> t)
    {
        foreach (var instrument in configuration.AllInstruments) Change(html, report, instrument, language, t);
    }

    private static void Change(StringBuilder html, Report report, Domain.Esy.EsyInstrument instrument, string language, Func<string, string> t)
    {
        var areas = instrument.Areas;
        const int width = 420, row = 18, left = 160, zero = 290;
        var height = 20 + areas.Count * row;
        var title = t("report.chart.change") + ": " + InstrumentName(instrument, language, t) + " (" + t("report.direction." + instrument.Better) + ")";
        Open(html, title, width, height);
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{zero}\" x2=\"{zero}\" y1=\"0\" y2=\"{height}\" stroke=\"#444\"/>");
        for (var i = 0; i < areas.Count; i++)
        {
            var section = report.Sections.FirstOrDefault(s => s.Id == instrument.Id + "." + areas[i].Code);
            var mean = section?.Total.Values.GetValueOrDefault("mean-change") as double?;
            var y = 6 + i * row;
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 11}\" text-anchor=\"end\">{E(language == "sv" ? areas[i].NameSv : areas[i].NameFi)}</text>");
            if (mean is { } m)
            {
                var w = Math.Abs(m) * 40;
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{(m < 0 ? zero - w : zero):0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"14\" fill=\"{((m > 0) == instrument.RisingIsBetter ? Palette[3] : Palette[1])}\" data-instrument=\"{E(instrument.Id)}\" data-area=\"{E(areas[i].Code)}\" data-mean=\"{m.ToString(CultureInfo.InvariantCulture)}\"/>");
            }
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - 4}\" y=\"{y + 11}\" text-anchor=\"end\">{E(Show(mean))}</text>");
        }
        html.Append("</svg><figcaption>").Append(E(title)).Append("</figcaption></figure>");
    }

    private static void Open(StringBuilder html, string title, int width, int height) =>
        html.Append(CultureInfo.InvariantCulture, $"<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>{E(title)}</title>");

    private static void Axis(StringBuilder html, int left, int baseline, int width, long max) =>
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width}\" y1=\"{baseline}\" y2=\"{baseline}\" stroke=\"#444\"/><text x=\"{left - 4}\" y=\"14\" text-anchor=\"end\">{max}</text><text x=\"{left - 4}\" y=\"{baseline}\" text-anchor=\"end\">0</text>");

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Escapes markup only: Finnish and Swedish letters stay as they are.</summary>
    private static string E(string text) => Encoder.Encode(text);

    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
}
