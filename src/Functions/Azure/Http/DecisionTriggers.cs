using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.Api.Decisions;
using static Referrals.Functions.HttpTriggers.RequestValues;

namespace Referrals.Functions.AzureFunctions.Http;

/// <summary>Decision drafts and the decision document.</summary>
public sealed class DecisionTriggers
{
    [Function("DraftDecision")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/decision-draft")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => DecisionHandlers.Draft(
            http, id, IdempotencyKey(req), IfMatch(req), ct));

    [Function("GetDecision")]
    public Task<IActionResult> Document(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/decision")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => DecisionHandlers.Document(http, id, ct));
}
