using Referrals.Functions.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Referrals.Functions.Operations;

/// <summary>The process configuration in force (<see cref="ConfigurationHandlers"/>).</summary>
public sealed class ConfigurationTriggers
{
    [Function("GetConfiguration")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/configuration")] HttpRequest req) =>
        ApiTrigger.RunAsync(req, (http, _) => Task.FromResult(ConfigurationHandlers.Get(http)));
}
