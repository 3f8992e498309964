using Referrals.Functions.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Referrals.Functions.Reports;

/// <summary>The county's reports (<see cref="ReportHandlers"/>): JSON, CSV or the report page; one client's instrument chart, and the referral page.</summary>
public sealed class ReportTriggers
{
    [Function("GetReport")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{name}")] HttpRequest req, string name) =>
        ApiTrigger.RunAsync(req, (http, cancellationToken) => ReportHandlers.Get(http, name, cancellationToken));

    [Function("GetInstrumentChart")]
    public Task<IActionResult> InstrumentChart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/instrument-chart")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, cancellationToken) => Reports.InstrumentChart.Get(http, id, cancellationToken));

    [Function("GetReferralPage")]
    public Task<IActionResult> ReferralPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/page")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, cancellationToken) => Reports.ReferralHtmlPage.Get(http, id, cancellationToken));
}
