namespace Referrals.Functions.Clock;

/// <summary>What the referral clock (the durable orchestration's activities) needs from storage. Every
/// call re-reads the truth; none depends on a single wake-up.</summary>
public interface IReferralClock
{
    /// <summary>The referral's version, next due timer and whether it has ended, from its snapshot row.</summary>
    Task<ClockState> ReadAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Fires every timer of this referral due at or before <paramref name="now"/> as a
    /// TimerElapsed command through the ordinary command path. Returns how many fired.</summary>
    Task<int> FireDueTimersAsync(string referralId, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <param name="Version">0 when the referral does not exist.</param>
/// <param name="NextDue">The earliest timer the snapshot holds (what Schedule(state) derived), or null.</param>
/// <param name="HasEnded">Nothing is left to happen (<c>ReferralState.IsSettled</c>): ended, and its decision final or decided on review.</param>
public sealed record ClockState(int Version, DateTimeOffset? NextDue, bool HasEnded);
