using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.FollowUp;

/// <summary>The case owner's follow-up commands after a granting decision.</summary>
public sealed class FollowUpTriggers
{
    [Function("StartService")]
    public Task<IActionResult> StartService(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/service-start")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => FollowUpHandlers.StartService(http, id, CommandHeaders.Of(req), ct));

    [Function("RecordClientPlan")]
    public Task<IActionResult> RecordClientPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/client-plan")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => FollowUpHandlers.RecordClientPlan(http, id, CommandHeaders.Of(req), ct));

    [Function("RecordEvaluation")]
    public Task<IActionResult> RecordEvaluation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/evaluations")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => FollowUpHandlers.RecordEvaluation(http, id, CommandHeaders.Of(req), ct));

    [Function("RecordProviderReport")]
    public Task<IActionResult> RecordProviderReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/provider-reports")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => FollowUpHandlers.RecordProviderReport(http, id, CommandHeaders.Of(req), ct));

    [Function("RecordRehabilitationPlan")]
    public Task<IActionResult> RecordRehabilitationPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/rehabilitation-plan")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => FollowUpHandlers.RecordRehabilitationPlan(http, id, CommandHeaders.Of(req), ct));

    [Function("RecordEsyMeasurement")]
    public Task<IActionResult> RecordEsyMeasurement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/esy-measurements")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => FollowUpHandlers.RecordEsyMeasurement(http, id, CommandHeaders.Of(req), ct));

    [Function("CloseService")]
    public Task<IActionResult> Close(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/closure")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => FollowUpHandlers.Close(http, id, CommandHeaders.Of(req), ct));
}
