using Referrals.Functions.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.AccessLog;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.Attachments;

/// <summary>Attachments (multipart upload, listing, content) and the access log for auditors.</summary>
public sealed class AttachmentTriggers
{
    [Function("AddAttachment")]
    public Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/attachments")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => AttachmentHandlers.Add(http, id, IdempotencyKey(req), ct));

    [Function("ListAttachments")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/attachments")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => AttachmentHandlers.List(http, id, ct));

    [Function("GetAttachment")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/attachments/{attachmentId}")] HttpRequest req,
        string id, string attachmentId) =>
        ApiTrigger.RunAsync(req, (http, ct) => AttachmentHandlers.Get(http, id, attachmentId, ct));

    [Function("GetAccessLog")]
    public Task<IActionResult> AccessLog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/referrals/{id}/access-log")] HttpRequest req, string id) =>
        ApiTrigger.RunAsync(req, (http, ct) => AccessLogHandlers.ForReferral(http, id, ct));
}
