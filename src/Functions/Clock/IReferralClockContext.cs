namespace Referrals.Functions.Clock;

/// <summary>What the referral clock needs from the durable orchestration context, and nothing more.
/// The Azure build adapts <c>TaskOrchestrationContext</c> to it; tests drive it with Moq. Like the
/// context it stands for, it must be used deterministically: time only from
/// <see cref="CurrentUtcDateTime"/>, all I/O in activities.</summary>
internal interface IReferralClockContext
{
    /// <summary>The orchestration's replay-safe current time (UTC).</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>A durable timer that completes at or after <paramref name="fireAt"/> by <see cref="CurrentUtcDateTime"/>
    /// (the adapter re-arms one that the backend fired early); cancel the token when the timer lost the race,
    /// so the instance does not wait for it.</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Completes when the named external event arrives. The payload is ignored: a wake-up
    /// only means "re-read the truth".</summary>
    Task WaitForExternalEvent(string eventName, CancellationToken cancellationToken);

    /// <summary>Runs an activity. Throws <see cref="ActivityFailedException"/> once the retries are spent.</summary>
    Task<TResult> CallActivity<TResult>(string name, object input, ActivityRetry retry);

    /// <summary>Ends this run and starts the instance again with fresh history and the given input.</summary>
    void ContinueAsNew(ReferralClockInput input);

    void SetCustomStatus(ReferralClockStatus status);
}

/// <summary>A retry policy for an activity, independent of the durable SDK's own type.</summary>
internal sealed record ActivityRetry(
    int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval);

/// <summary>An activity failed on every attempt of its retry policy. The adapter translates the durable
/// SDK's failure into this so that the orchestration catches activity failures and nothing else.</summary>
internal sealed class ActivityFailedException(string activityName, string? reason, Exception? inner = null)
    : Exception($"Activity {activityName} failed: {reason}", inner)
{
    public string ActivityName { get; } = activityName;
}
