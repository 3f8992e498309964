using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Referrals;

/// <summary>How the command path retries a timer command that lost a race (user commands get a conflict).</summary>
public sealed class CommandOptions
{
    public const string Section = "Commands";

    [Range(1, 20, ErrorMessage = "Commands:TimerAttempts must be 1–20.")]
    public int TimerAttempts { get; set; } = 8;

    /// <summary>The first pause; doubled on each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Commands:TimerBackoff must be at most 10 seconds.")]
    public TimeSpan TimerBackoff { get; set; } = TimeSpan.FromMilliseconds(20);
}
