using Microsoft.Extensions.Options;

namespace Referrals.Functions.Operations;

/// <summary>The last answer of the dependency probes, reused for <see cref="HealthOptions.ReadinessInterval"/>.
/// One check runs at a time however many callers arrive together; a caller that gives up does not cancel
/// the check the others wait for.</summary>
internal sealed class Readiness(IEnumerable<IReachabilityProbe> probes, IOptions<HealthOptions> options, TimeProvider time)
{
    private readonly IReadOnlyList<IReachabilityProbe> probes = probes.ToList();
    private readonly Lock gate = new();
    private Task<HealthReport>? current;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;

    public Task<HealthReport> ReportAsync(CancellationToken cancellationToken)
    {
        Task<HealthReport> check;
        lock (gate)
        {
            var fresh = current is { IsCompletedSuccessfully: true } && time.GetUtcNow() - checkedAt < options.Value.ReadinessInterval;
            if (current is null || (current.IsCompleted && !fresh)) current = CheckAsync();
            check = current;
        }
        return check.WaitAsync(cancellationToken);
    }

    private async Task<HealthReport> CheckAsync()
    {
        var results = await Task.WhenAll(probes.Select(async probe =>
        {
            using var timeout = new CancellationTokenSource(options.Value.ProbeTimeout, time);
            try { return (probe.Name, Ok: await probe.IsReachableAsync(timeout.Token)); }
            catch (Exception) { return (probe.Name, Ok: false); }
        }));
        lock (gate) checkedAt = time.GetUtcNow();
        return new HealthReport(
            results.All(r => r.Ok) ? "healthy" : "unhealthy",
            results.ToDictionary(r => r.Name, r => r.Ok ? "reachable" : "unreachable"));
    }
}
