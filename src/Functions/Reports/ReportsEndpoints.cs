using Referrals.Domain.Common;
using Referrals.Functions.Auth;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Reports;

/// <summary>The reports' routes: the report itself, and the operators' rebuild of the model from the event streams.</summary>
public static class ReportsEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/{name}", ReportHandlers.Get).RequireAuthorization().WithTags("Reports").WithName("GetReport")
            .WithSummary("A report (overview, volumes, clients, lead-times, overdue, instrument-change) for a period, grouped and filtered; JSON, CSV or the report page")
            .WithDescription("`period` 2025 | 2025-Q2 | 2025-03 (the current year by default); `groupBy` authority | municipality | unit | profile | serviceType | legalBasis | month; " +
                "filters `authority`, `municipality`, `unit`, `profile`, `serviceType`, `legalBasis`; `format` json | csv | html (or Accept: text/csv, text/html), `lang` fi | sv for the page. " +
                "Counts under 5 are \"<5\", and a figure that would reveal one is hidden too. For ReportViewer (grant `ReportViewer:{authority}`) and Auditor, within the authority of their grant.")
            .Produces<Report>().Produces<string>(StatusCodes.Status200OK, "text/csv", "text/html")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        app.MapPost("/api/operations/reports/rebuild", Rebuild).RequireAuthorization().WithTags("Operations").WithName("RebuildReports")
            .WithSummary("Rebuild the reporting model from the event streams (operators; no client data); also `scripts/rebuild-reports`")
            .Produces<ReportRebuildResult>().ProducesProblem(401).ProducesProblem(403);
    }

    public static async Task<IResult> Rebuild(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.Operator)) return Problem.Of(context, 403, "forbidden");
        // Not the request's token: a caller who hangs up must not leave the model half written.
        return TypedResults.Ok(await context.RequestServices.GetRequiredService<ReportRebuild>().RunAsync(CancellationToken.None));
    }
}

/// <summary><c>rebuild-reports</c>: the rebuild from the command line, with the host's configuration.</summary>
public static class ReportRebuildCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var builder = Host.CreateApplicationBuilder(args);
        Hosting.ReferralsRegistration.AddReferralsApplication(builder.Services, builder.Configuration);
        using var host = builder.Build();
        var result = await host.Services.GetRequiredService<ReportRebuild>().RunAsync();
        await output.WriteLineAsync($"rebuilt: {result.Referrals} referrals, {result.Events} events, {result.Rows} rows in {result.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
