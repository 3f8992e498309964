using Referrals.Functions.Text;
using Referrals.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Operations;

/// <summary>Health, parked mail for operators, and the API's contract: the committed OpenAPI document (docs/openapi.v1.json, the one
/// the standalone host serves and a test keeps current) and a Scalar reference page over it, with Scalar's script from the
/// pinned Scalar.AspNetCore package (<see cref="ScalarAssets"/>), never from a CDN.</summary>
public sealed class OperationsTriggers
{
    private static readonly Lazy<string> OpenApiDocument = new(() => EmbeddedFiles.Named("Referrals.Functions.openapi.v1.json"));
    private static readonly Lazy<string> DocsPage = new(() => EmbeddedFiles.Template("OpenApi", "api-docs.html"));

    [Function("Health")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req) =>
        ApiTrigger.RunAsync(req, HealthHandlers.Check);

    [Function("Liveness")]
    public Task<IActionResult> Liveness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health/live")] HttpRequest req) =>
        ApiTrigger.RunAsync(req, (http, _) => Task.FromResult(HealthHandlers.Live(http)));

    [Function("ParkedMail")]
    public Task<IActionResult> ParkedMail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operations/parked-mail")] HttpRequest req) =>
        ApiTrigger.RunAsync(req, OperationsHandlers.ParkedMail);

    [Function("RequeueParkedMail")]
    public Task<IActionResult> RequeueParkedMail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/operations/parked-mail/{referralId}/requeue")] HttpRequest req,
        string referralId) =>
        ApiTrigger.RunAsync(req, (http, cancellationToken) =>
            OperationsHandlers.RequeueParkedMail(http, referralId, RequestValues.Query(req, "row"), cancellationToken));

    [Function("OpenApiDocument")]
    public IActionResult OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi/v1.json")] HttpRequest req) =>
        new ContentResult { Content = OpenApiDocument.Value, ContentType = "application/json; charset=utf-8", StatusCode = 200 };

    [Function("ApiDocs")]
    public IActionResult Docs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs")] HttpRequest req) =>
        new ContentResult { Content = DocsPage.Value, ContentType = "text/html; charset=utf-8", StatusCode = 200 };

    /// <summary>Scalar's bundled script for the reference page, from the pinned Scalar.AspNetCore package.</summary>
    [Function("ApiDocsScript")]
    public IActionResult DocsScript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/scalar.js")] HttpRequest req) =>
        ScalarAssets.ScriptFor(req);
}
