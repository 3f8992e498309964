using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Referrals.Functions.Api.Clients;

namespace Referrals.Functions.AzureFunctions.Http;

/// <summary>The protected client record of a referral.</summary>
public sealed class ClientTriggers
{
    [Function("GetClientRecord")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/client")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => ClientRecordHandlers.Get(http, id, ct));
}
