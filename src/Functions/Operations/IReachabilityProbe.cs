namespace Referrals.Functions.Operations;

/// <summary>One dependency that /api/health checks (storage, SMTP). Must be quick and bounded in time,
/// and must not report anything secret (no connection strings, no host credentials).</summary>
internal interface IReachabilityProbe
{
    string Name { get; }

    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
