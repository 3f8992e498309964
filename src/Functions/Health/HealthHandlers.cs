using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Functions.Health;

/// <summary>GET /api/health: whether storage and the SMTP relay are reachable. Anonymous, no client data;
/// 200 when all are, 503 otherwise, with one word per dependency.</summary>
public static class HealthHandlers
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static async Task<IResult> Check(HttpContext context, CancellationToken cancellationToken)
    {
        var probes = context.RequestServices.GetServices<IReachabilityProbe>().ToList();
        var results = await Task.WhenAll(probes.Select(async probe =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try { return (probe.Name, Ok: await probe.IsReachableAsync(timeout.Token)); }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) { return (probe.Name, Ok: false); }
        }));
        var report = new HealthReport(
            results.All(r => r.Ok) ? "healthy" : "unhealthy",
            results.ToDictionary(r => r.Name, r => r.Ok ? "reachable" : "unreachable"));
        context.Response.Headers.CacheControl = "no-store";
        return report.Status == "healthy" ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
