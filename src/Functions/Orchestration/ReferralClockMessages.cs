using System.Text.Json.Serialization;

namespace Referrals.Functions.Orchestration;

// Everything here crosses the durable runtime as JSON and is kept in task-hub history. So each
// payload carries the opaque referral id and nothing else of the referral: never personal data, and
// never a document (payloads over ~45 KB are moved to blobs by the Azure Storage backend).

/// <summary>The orchestration's input, passed again on every continue-as-new.</summary>
/// <param name="Turn">How many turns this instance has run since it was (re)started; for operators.</param>
/// <param name="Failures">Consecutive turns in which an activity failed; drives the retry backoff.</param>
public sealed record ReferralClockInput(string ReferralId, int Turn = 0, int Failures = 0);

/// <summary>Input of the NextDue and DeliverOutbox activities.</summary>
public sealed record ReferralActivityInput(string ReferralId);

/// <summary>Input of the FireDueTimers activity: the orchestration's (replay-safe) current time.</summary>
public sealed record FireDueTimersInput(string ReferralId, DateTimeOffset Now);

/// <summary>What the NextDue activity read: the next due time (null if none) and whether the referral ended.</summary>
public sealed record NextDueResult(DateTimeOffset? NextDue, bool HasEnded);

/// <summary>How a run of the orchestrator ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralClockOutcome>))]
public enum ReferralClockOutcome
{
    /// <summary>The turn is over and the instance continues as new with fresh history.</summary>
    ContinuedAsNew,
    /// <summary>The referral has ended and its outbox is delivered: the instance completes.</summary>
    Ended,
}

/// <summary>What the instance is doing, shown to operators as the orchestration's custom status.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralClockPhase>))]
public enum ReferralClockPhase { Sleeping, Retrying, CatchingUp, Ended }

/// <param name="WakeAt">When the timer fires, unless "referral changed" comes first (UTC).</param>
public sealed record ReferralClockStatus(ReferralClockPhase Phase, DateTime? WakeAt, int Turn, int Failures);
