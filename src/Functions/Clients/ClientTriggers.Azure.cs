using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.Clients;

/// <summary>The protected client record of a referral, and the client's download of a decision notified electronically.</summary>
public sealed class ClientTriggers
{
    [Function("GetClientRecord")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/client")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => ClientRecordHandlers.Get(http, id, ct));

    [Function("CorrectClientRecord")]
    public Task<IActionResult> Correct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/client/corrections")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => ClientRecordHandlers.Correct(
            http, id, CommandHeaders.Of(req), ct));

    [Function("ShowDecisionDownloadPage")]
    public Task<IActionResult> ShowDownload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "decision-download/{token}")] HttpRequest req, string token) =>
        ApiTrigger.RunAsync(req, (http, ct) => DecisionDownloadHandlers.Show(http, token, ct));

    [Function("DownloadDecision")]
    public Task<IActionResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decision-download/{token}")] HttpRequest req, string token) =>
        ApiTrigger.RunAsync(req, (http, ct) => DecisionDownloadHandlers.Download(http, token, ct));
}
