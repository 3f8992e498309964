using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using static Referrals.Functions.Edge.RequestValues;

namespace Referrals.Functions.Review;

/// <summary>Espoo's joint assessment by the case owner and the team's counsellor, before drafting.</summary>
public sealed class AssessmentTriggers
{
    [Function("RecordJointAssessment")]
    public Task<IActionResult> RecordJointAssessment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/joint-assessment")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        ApiTrigger.RunCommandAsync(req, client, (http, ct) => JointAssessmentHandlers.Record(http, id, CommandHeaders.Of(req), ct));
}
