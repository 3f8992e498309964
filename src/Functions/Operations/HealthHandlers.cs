using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Functions.Operations;

/// <summary>Anonymous, no client data. <c>GET /api/health/live</c> (liveness) answers from memory: the
/// process serves requests. <c>GET /api/health</c> (readiness) says whether storage and the SMTP relay are
/// reachable, 200 when all are, 503 otherwise, one word per dependency; the dependencies are asked at most
/// once per <see cref="HealthOptions.ReadinessInterval"/> (<see cref="Readiness"/>), so a probe that calls
/// often costs no storage request or SMTP connection per call.</summary>
internal static class HealthHandlers
{
    private static readonly LivenessReport Alive = new("alive");

    public static IResult Live(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(Alive);
    }

    public static async Task<IResult> Check(HttpContext context, CancellationToken cancellationToken)
    {
        var report = await context.RequestServices.GetRequiredService<Readiness>().ReportAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return report.Status == "healthy" ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

internal sealed record LivenessReport(string Status);
