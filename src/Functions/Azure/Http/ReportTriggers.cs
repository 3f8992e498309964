using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Referrals.Functions.Reports;

namespace Referrals.Functions.AzureFunctions.Http;

/// <summary>The county's reports (<see cref="ReportHandlers"/>): JSON, CSV or the report page.</summary>
public sealed class ReportTriggers
{
    [Function("GetReport")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{name}")] HttpRequest req, string name) =>
        ApiTrigger.RunAsync(req, (http, cancellationToken) => ReportHandlers.Get(http, name, cancellationToken));
}
