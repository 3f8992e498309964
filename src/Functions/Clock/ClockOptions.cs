using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Clock;

/// <summary>How the standalone clock and courier wake.</summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";

    /// <summary>The safety-net poll: the clock wakes at least this often even without a signal.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Clock:PollInterval must be between 1 second and 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a host holds a claimed timer before another host may fire it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Clock:ClaimDuration must be between 5 seconds and 1 hour.")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the courier sweeps every partition for outbox rows left behind by a crash.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Clock:SweepInterval must be between 1 second and 1 day.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
