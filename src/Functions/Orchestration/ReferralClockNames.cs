namespace Referrals.Functions.Orchestration;

/// <summary>The names the durable runtime knows the referral clock by. They are stored in task-hub
/// history and used by running instances, so they are part of the deployed contract: never rename.</summary>
public static class ReferralClockNames
{
    /// <summary>The orchestration per referral (instance id = referral id): its clock and courier.</summary>
    public const string Orchestrator = "ReferralClock";

    /// <summary>Raised after a command on the referral commits, so the clock wakes before its timer.</summary>
    public const string ReferralChangedEvent = "ReferralChanged";

    /// <summary>Activity: reads the next due time (and whether the referral has ended) from storage.</summary>
    public const string NextDue = "NextDue";

    /// <summary>Activity: fires every due timer as a TimerElapsed command through the ordinary command path.</summary>
    public const string FireDueTimers = "FireDueTimers";

    /// <summary>Activity: delivers the referral's pending outbox rows (mail, read-model updates).</summary>
    public const string DeliverOutbox = "DeliverOutbox";

    /// <summary>Every activity the orchestration calls (the Azure build's functions.metadata is checked against it).</summary>
    public static readonly IReadOnlyList<string> Activities = [NextDue, FireDueTimers, DeliverOutbox];

    /// <summary>Timer-triggered function that restarts missing or stuck orchestrations.</summary>
    public const string Sweep = "ReferralClockSweep";
}
