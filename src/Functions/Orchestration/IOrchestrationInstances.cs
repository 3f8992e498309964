namespace Referrals.Functions.Orchestration;

/// <summary>The referral clock instances as the durable client sees them (instance id = referral id).
/// The Azure build adapts <c>DurableTaskClient</c> to it; the notifier and the sweep are written against it.</summary>
public interface IOrchestrationInstances
{
    /// <summary>The instance of this referral, or null if none was ever scheduled (or it was purged).</summary>
    Task<InstanceSnapshot?> GetAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Schedules a new referral clock for the referral, replacing a finished instance of the same id.</summary>
    Task StartAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Raises "referral changed". Only meaningful once the instance exists: the runtime
    /// discards events for instances that do not.</summary>
    Task RaiseChangedAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Stops a stuck instance so that the next sweep can start it afresh.</summary>
    Task TerminateAsync(string referralId, string reason, CancellationToken cancellationToken = default);
}

/// <summary>The runtime status of an instance, in the durable runtime's own terms (a continued-as-new
/// instance is <see cref="Running"/>).</summary>
public enum InstanceState { Pending, Running, Suspended, Completed, Failed, Canceled, Terminated }

/// <param name="LastUpdatedAt">When the runtime last wrote the instance; a healthy clock does so at least daily.</param>
public sealed record InstanceSnapshot(InstanceState State, DateTimeOffset LastUpdatedAt)
{
    /// <summary>Finished instances no longer receive events; a new one of the same id may be scheduled.</summary>
    public bool IsFinished => State is InstanceState.Completed or InstanceState.Failed
        or InstanceState.Canceled or InstanceState.Terminated;
}

/// <summary>A source of referrals that should each have a live clock: those that have not ended (from
/// the listing read model), and those with outbox rows still to deliver. Sources may lag a little
/// behind the truth, which the sweep tolerates (an ended referral's restarted clock reads the truth,
/// delivers what is left and completes at once).</summary>
public interface IOpenReferrals
{
    IAsyncEnumerable<string> ListOpenReferralIdsAsync(CancellationToken cancellationToken = default);
}
