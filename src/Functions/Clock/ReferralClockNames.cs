namespace Referrals.Functions.Clock;

/// <summary>The names the durable runtime knows the referral clock by. They are stored in task-hub
/// history and used by running instances, so they are part of the deployed contract: never rename.</summary>
internal static class ReferralClockNames
{
    /// <summary>The orchestration per referral (instance id = referral id): its clock and courier.</summary>
    public const string Orchestrator = "ReferralClock";

    /// <summary>Raised after a command on the referral commits, so the clock wakes before its timer.</summary>
    public const string ReferralChangedEvent = "ReferralChanged";

    /// <summary>Activity: fires every due timer as a TimerElapsed command through the ordinary command path,
    /// then does what <see cref="DeliverOutbox"/> does.</summary>
    public const string FireDueTimers = "FireDueTimers";

    /// <summary>Activity: delivers the referral's pending outbox rows (mail, read-model updates) and reads
    /// what the clock needs next (<see cref="ClockReading"/>).</summary>
    public const string DeliverOutbox = "DeliverOutbox";

    /// <summary>Every activity the orchestration calls, as both hosts register them (the Azure build's
    /// functions.metadata is checked against it).</summary>
    public static readonly IReadOnlyList<string> Activities = [FireDueTimers, DeliverOutbox];

    /// <summary>The periodic repair of lost wake-ups and missing instances (<see cref="OrchestrationSweep"/>).</summary>
    public const string Sweep = "ReferralClockSweep";
}
