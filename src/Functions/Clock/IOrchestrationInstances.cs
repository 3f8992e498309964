namespace Referrals.Functions.Clock;

/// <summary>The referral clock instances as the durable client sees them (instance id = referral id).
/// The standalone host adapts the engine's <c>TaskHubClient</c> to it, the Azure build the Functions
/// <c>DurableTaskClient</c>; the notifier and the sweep are written against it.</summary>
public interface IOrchestrationInstances
{
    /// <summary>The instance of this referral, or null if none was ever scheduled (or it was purged).</summary>
    Task<InstanceSnapshot?> GetAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Schedules a new referral clock for the referral, replacing a finished instance of the
    /// same id; throws if a live one exists.</summary>
    Task StartAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Raises "referral changed". Only meaningful once the instance exists: the runtime
    /// discards events for instances that do not.</summary>
    Task RaiseChangedAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Stops an instance (an operator's tool; the sweep then starts it afresh).</summary>
    Task TerminateAsync(string referralId, string reason, CancellationToken cancellationToken = default);
}

/// <summary>The runtime status of an instance, in the durable runtime's own terms (a continued-as-new
/// instance is <see cref="Running"/>).</summary>
public enum InstanceState { Pending, Running, Suspended, Completed, Failed, Canceled, Terminated }

/// <param name="LastUpdatedAt">When the runtime last wrote the instance.</param>
/// <param name="Status">The clock's own account (its custom status), if it has written one.</param>
public sealed record InstanceSnapshot(InstanceState State, DateTimeOffset LastUpdatedAt, ReferralClockStatus? Status = null)
{
    /// <summary>Finished instances no longer receive events; a new one of the same id may be scheduled.</summary>
    public bool IsFinished => State is InstanceState.Completed or InstanceState.Failed
        or InstanceState.Canceled or InstanceState.Terminated;

    /// <summary>Reads the custom status as the orchestration wrote it (JSON); null if absent or unreadable.</summary>
    public static ReferralClockStatus? ParseStatus(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ReferralClockStatus>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
