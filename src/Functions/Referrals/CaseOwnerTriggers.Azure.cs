using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.FollowUp;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.Referrals;

/// <summary>The case owner change (SHL § 42) and Helsinki's service written into the client plan: each calls the handler the
/// standalone host maps to the same route.</summary>
public sealed class CaseOwnerTriggers
{
    [Function("ChangeCaseOwner")]
    public Task<IActionResult> ChangeCaseOwner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/case-owner")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => CaseOwnerHandlers.Change(http, id, CommandHeaders.Of(req), ct));

    [Function("RecordServiceInClientPlan")]
    public Task<IActionResult> RecordServiceInClientPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/service-in-client-plan")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => ServiceInClientPlanHandlers.Record(http, id, CommandHeaders.Of(req), ct));
}
