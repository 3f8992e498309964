using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.Referrals;

/// <summary>Referral routes; each calls the handler the standalone host maps to the same route.</summary>
public sealed class ReferralTriggers
{
    [Function("SubmitReferral")]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => ReferralHandlers.Submit(http, IdempotencyKey(req), ct));

    [Function("ListReferrals")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals")] HttpRequest req) =>
        ApiTrigger.RunAsync(req, (http, ct) => ReferralHandlers.List(
            http, Query(req, "unit"), Query(req, "status"), Query(req, "continuation"), OptionalInt(req, "limit"), ct));

    [Function("GetReferral")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => ReferralHandlers.Get(http, id, ct));

    [Function("GetTimeline")]
    public Task<IActionResult> Timeline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/timeline")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => ReferralHandlers.Timeline(http, id, ct));

    [Function("SupplementInformation")]
    public Task<IActionResult> SupplementInformation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/information")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => ReferralHandlers.SupplementInformation(
            http, id, CommandHeaders.Of(req), ct));

    [Function("WithdrawReferral")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/withdrawal")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => ReferralHandlers.Withdraw(
            http, id, CommandHeaders.Of(req), ct));
}
