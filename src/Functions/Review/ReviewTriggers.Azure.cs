using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.Review;

/// <summary>The review body's routes (asiakasohjausryhmä / palvelutiimi).</summary>
public sealed class ReviewTriggers
{
    [Function("ReviewReferral")]
    public Task<IActionResult> Review(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/review")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => ReviewHandlers.Review(
            http, id, CommandHeaders.Of(req), ct));

    [Function("ReviewQueue")]
    public Task<IActionResult> Queue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review-queue")] HttpRequest req) =>
        ApiTrigger.RunAsync(req, (http, ct) => ReviewHandlers.Queue(http, Query(req, "reviewBody"), ct));

    [Function("GetReviewLines")]
    public Task<IActionResult> Lines(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/review-lines")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => ReviewLines.Get(http, id, ct));
}
