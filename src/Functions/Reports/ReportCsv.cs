using System.Globalization;
using System.Text;

namespace Referrals.Functions.Reports;

/// <summary>A report as one CSV table (RFC 4180): a header row, one line per figure, ISO dates, UTF-8 with a
/// byte order mark so that a spreadsheet shows Finnish and Swedish letters.</summary>
internal static class ReportCsv
{
    public static readonly string[] Header = ["report", "period", "from", "to", "group_by", "section", "group", "figure", "value"];

    public static byte[] Write(Report report)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var section in report.Sections)
            foreach (var row in section.Rows.Append(section.Total))
                foreach (var column in section.Columns)
                {
                    string[] fields =
                    [
                        report.Name, report.Period, Iso(report.From), Iso(report.To), report.GroupBy ?? "", section.Id, row.Group, column,
                        Value(row.Values.GetValueOrDefault(column)),
                    ];
                    text.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
                }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Value(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Quoted when needed; a leading = + - @ is prefixed with ' so that no spreadsheet runs it as a formula.</summary>
    private static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '@' or '-' && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
