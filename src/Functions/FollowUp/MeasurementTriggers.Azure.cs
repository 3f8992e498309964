using Referrals.Functions.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Referrals.Functions.FollowUp;

/// <summary>The comparison of a client's measurements with one instrument (<see cref="MeasurementComparisonHandlers"/>).</summary>
public sealed class MeasurementTriggers
{
    [Function("GetMeasurementComparison")]
    public Task<IActionResult> Comparison(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/measurements/{instrument}/comparison")] HttpRequest req,
        string id, string instrument) =>
        ApiTrigger.RunAsync(req, (http, cancellationToken) => MeasurementComparisonHandlers.Get(http, id, instrument, cancellationToken));
}
