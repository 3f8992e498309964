using Referrals.Functions.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Referrals.Functions.Signing;

/// <summary>The leader's signing page: GET shows and never acts; POST (a real click, with the
/// anti-forgery token) signs or returns, and that command wakes the referral's clock.</summary>
public sealed class SigningTriggers
{
    [Function("ShowSigningPage")]
    public Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "signing/{token}")] HttpRequest req, string token) =>
        ApiTrigger.RunAsync(req, (http, ct) => SigningHandlers.Show(http, token, ct));

    [Function("ActOnSigningPage")]
    public Task<IActionResult> Act(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signing/{token}")] HttpRequest req, string token,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => SigningHandlers.Act(http, token, ct));
}
