using System.Text;
using Microsoft.Extensions.Options;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Auth;
using Referrals.Functions.Edge;
using Referrals.Functions.Text;

namespace Referrals.Functions.Reports;

/// <summary>GET /api/reports/{name}: a report for a period, grouped and filtered, as JSON, CSV or the report
/// page (server-rendered HTML, fi/sv). Readers: ReportViewer of an authority (<c>ReportViewer:{authority}</c>)
/// and Auditors, each for the authority of their grant; a report counts nothing outside it. No row names a client.</summary>
internal static class ReportHandlers
{
    public static readonly IReadOnlyList<Role> Readers = [Role.ReportViewer, Role.Auditor];

    /// <summary>The authorities whose figures the caller may see.</summary>
    public static IReadOnlySet<string> AuthoritiesOf(Caller caller, ReportOptions options) =>
        caller.UnitsFor(Role.ReportViewer).Concat(caller.UnitsFor(Role.Auditor).Select(options.AuthorityOf)).ToHashSet(StringComparer.Ordinal);

    public static async Task<IResult> Get(HttpContext context, string name, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<ReportOptions>>().Value;
        if (Caller.Of(context) is not { } caller) return Problem.Of(context, StatusCodes.Status401Unauthorized, "unauthorized");
        var authorities = AuthoritiesOf(caller, options);
        if (authorities.Count == 0) return Problem.Of(context, StatusCodes.Status403Forbidden, "forbidden");
        if (!ReportQuery.Names.Contains(name)) return Problem.Of(context, StatusCodes.Status404NotFound, "report-not-found");

        var request = context.Request.Query;
        var errors = new List<FieldError>();
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var period = request["period"].Count == 0 ? ReportPeriod.Parse(FinnishCalendar.DateIn(now).Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : ReportPeriod.Parse(request["period"].ToString());
        if (period is null) errors.Add(new FieldError("period", "field.report-period"));
        ReportDimension? groupBy = null;
        if (request["groupBy"].Count > 0 && (groupBy = ReportQuery.ParseDimension(request["groupBy"].ToString())) is null)
            errors.Add(new FieldError("groupBy", "field.report-group-by"));
        var filters = new Dictionary<ReportDimension, string>();
        foreach (var dimension in Enum.GetValues<ReportDimension>().Where(d => d != ReportDimension.Month))
        {
            var key = ReportQuery.DimensionName(dimension);
            if (request[key].Count == 0) continue;
            var value = request[key].ToString();
            if (value.Length is 0 or > 100 || Edge.Fields.Characters(key, value, false) is not null) errors.Add(new FieldError(key, "field.invalid"));
            else filters[dimension] = value;
        }
        var format = Format(context.Request);
        if (format is null) errors.Add(new FieldError("format", "field.report-format"));
        if (errors.Count > 0) return Problem.Validation(context, errors);
        if (filters.TryGetValue(ReportDimension.Authority, out var asked) && !authorities.Contains(asked))
            return Problem.Of(context, StatusCodes.Status403Forbidden, "report-authority-not-yours");

        var query = new ReportQuery(name, period!, groupBy, filters);
        var builder = services.GetRequiredService<ReportBuilder>();
        var model = services.GetRequiredService<IReportModel>();
        var cells = await model.CellsAsync(builder.PartitionsFor(query.Period), cancellationToken);
        var overdue = name is "overview" or "overdue" || format == "html" ? await model.OverdueAsync(now, cancellationToken) : [];
        var report = builder.Build(query, authorities, cells, overdue, now);

        switch (format)
        {
            case "csv":
                return Results.Bytes(ReportCsv.Write(report), "text/csv; charset=utf-8", $"{name}-{report.Period}.csv");
            case "html":
                var language = ApiTexts.PageLanguageOf(context);
                var monthly = builder.Build(query with { Name = "volumes", GroupBy = ReportDimension.Month }, authorities, cells, overdue, now);
                var byUnit = builder.Build(query with { Name = "lead-times", GroupBy = ReportDimension.Unit }, authorities, cells, overdue, now);
                var overview = name == "overview" ? report : builder.Build(query with { Name = "overview" }, authorities, cells, overdue, now);
                context.Response.Headers.ContentLanguage = language;
                return Results.Content(ReportPage.Render(overview, monthly, byUnit, builder.Configuration, language), "text/html; charset=utf-8", Encoding.UTF8);
            default:
                return Results.Json(report);
        }
    }

    /// <summary><c>format=json|csv|html</c>, else from Accept (text/csv, text/html), JSON by default; null for an unknown format.</summary>
    private static string? Format(HttpRequest request)
    {
        if (request.Query["format"].Count > 0)
            return request.Query["format"].ToString() is "json" or "csv" or "html" ? request.Query["format"].ToString() : null;
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return "csv";
        if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)) return "html";
        return "json";
    }
}
