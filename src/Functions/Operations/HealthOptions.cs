using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Operations;

/// <summary>How often readiness may touch the dependencies. A probe (a load balancer, Kubernetes, an
/// uptime monitor) may call many times a second; storage and the SMTP relay are asked at most once per
/// <see cref="ReadinessInterval"/>, and every caller in between gets that answer.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Health:ReadinessInterval must be between 0.1 seconds and 5 minutes.")]
    public TimeSpan ReadinessInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Health:ProbeTimeout must be between 0.1 seconds and 1 minute.")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
