namespace Referrals.Functions.Reports;

/// <summary>The reports' route. The model is rebuilt from the event streams with <c>scripts/rebuild-reports</c> (<see cref="ReportRebuildCli"/>).</summary>
internal static class ReportRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/{name}", ReportHandlers.Get).RequireAuthorization().WithTags("Reports").WithName("GetReport")
            .WithSummary("A report (overview, volumes, clients, lead-times, overdue, instrument-change) for a period, grouped and filtered; JSON, CSV or the report page")
            .WithDescription("`period` 2025 | 2025-Q2 | 2025-03 (the current year by default); `groupBy` authority | municipality | unit | profile | serviceType | legalBasis | month; " +
                "filters `authority`, `municipality`, `unit`, `profile`, `serviceType`, `legalBasis`; `format` json | csv | html (or Accept: text/csv, text/html), `lang` fi | sv for the page. " +
                "Counts under 5 are \"<5\", and a figure that would reveal one is hidden too. For ReportViewer (grant `ReportViewer:{authority}`) and Auditor, within the authority of their grant.")
            .Produces<Report>().Produces<string>(StatusCodes.Status200OK, "text/csv", "text/html")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        app.MapGet("/api/referrals/{id}/instrument-chart", InstrumentChart.Get).RequireAuthorization().WithTags("Reports").WithName("GetInstrumentChart")
            .WithSummary("The client's instrument (ESY) per area: baseline, previous and latest measurement, as an SVG image (fi/sv: `lang` or Accept-Language); access-logged")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        app.MapGet("/api/referrals/{id}/page", ReferralHtmlPage.Get).RequireAuthorization().WithTags("Reports").WithName("GetReferralPage")
            .WithSummary("The referral as a printable page (HTML, fi/sv: `lang` or Accept-Language): status, service, unit, key dates and the client's instrument chart per instrument measured, with its figures as a table; access-logged")
            .WithDescription("For whoever may read the referral (not the service provider: its view has no measurements, 404). No client name or identity code on the page; no script or external resource.")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
    }
}
