using Referrals.Functions.Commands;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Operations;

/// <summary>The operator's routes (parked mail), the health probes, and the process configuration in force.</summary>
internal static class OperationsRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("/api/operations").RequireAuthorization().WithTags("Operations");
        operations.MapGet("/parked-mail", OperationsHandlers.ParkedMail).WithName("ParkedMail")
            .WithSummary("Mail that failed too often and waits for an operator (no client data)")
            .Produces<IReadOnlyList<ParkedMessage>>().WithProblems(401, 403);
        operations.MapPost("/parked-mail/{referralId}/requeue", OperationsHandlers.RequeueParkedMail).WithName("RequeueParkedMail")
            .WithSummary("Send a referral's parked mail again (all of it, or the outbox row `row`) once the cause is fixed; access-logged")
            .Produces<RequeuedMail>().WithProblems(401, 403, 404);
        app.MapGet("/api/health", HealthHandlers.Check).AllowAnonymous().WithName("Health").WithTags("Operations")
            .WithSummary("Readiness: storage and SMTP reachability, checked at most every Health:ReadinessInterval (5 s)")
            .Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/health/live", HealthHandlers.Live).AllowAnonymous().WithName("Liveness").WithTags("Operations")
            .WithSummary("Liveness: the process answers (from memory, no dependency is touched)").Produces<LivenessReport>();
        app.MapGet("/api/configuration", ConfigurationHandlers.Get).RequireAuthorization().WithName("GetConfiguration").WithTags("Configuration")
            .WithSummary("The process configuration in force: version, profiles and deadlines, authorities, municipalities, units, review bodies, catalogue, instruments (no personal data; anyone signed in)")
            .Produces<ConfigurationView>().WithProblems(401);
    }
}
