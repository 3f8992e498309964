using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Commands;

/// <summary>How the command path retries a command that lost its race for the snapshot's ETag: it is decided again on
/// the state that won. A timer retries more, since nobody else would send it again; a person's command a few times
/// (an If-Match that no longer holds is then a precondition failure, as if sent a moment later).</summary>
internal sealed class CommandOptions
{
    public const string Section = "Commands";

    [Range(1, 20, ErrorMessage = "Commands:TimerAttempts must be 1–20.")]
    public int TimerAttempts { get; set; } = 8;

    [Range(1, 10, ErrorMessage = "Commands:PersonAttempts must be 1–10.")]
    public int PersonAttempts { get; set; } = 3;

    /// <summary>The first pause; doubled on each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Commands:TimerBackoff must be at most 10 seconds.")]
    public TimeSpan TimerBackoff { get; set; } = TimeSpan.FromMilliseconds(20);
}
