using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.Decisions;

/// <summary>Decision drafts, the decision document, and what follows signing: the sending to the client,
/// a request for review and the review body's decision on it.</summary>
public sealed class DecisionTriggers
{
    [Function("DraftDecision")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/decision-draft")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => DecisionHandlers.Draft(
            http, id, CommandHeaders.Of(req), ct));

    [Function("GetDecision")]
    public Task<IActionResult> Document(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/decision")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => DecisionHandlers.Document(http, id, Edge.RequestValues.OptionalInt(req, "decision"), ct));

    [Function("RecordDecisionNotification")]
    public Task<IActionResult> RecordNotification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/decision-notification")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => NotificationHandlers.RecordNotification(
            http, id, CommandHeaders.Of(req), ct));

    [Function("RecordRequestForReview")]
    public Task<IActionResult> RecordRequestForReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/request-for-review")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => NotificationHandlers.RecordRequestForReview(
            http, id, CommandHeaders.Of(req), ct));

    [Function("RecordRequestForReviewDecision")]
    public Task<IActionResult> RecordRequestForReviewDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/request-for-review/decision")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => NotificationHandlers.RecordRequestForReviewDecision(
            http, id, CommandHeaders.Of(req), ct));
}
