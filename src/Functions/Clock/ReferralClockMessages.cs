using System.Text.Json.Serialization;

namespace Referrals.Functions.Clock;

// Everything here crosses the durable runtime as JSON and is kept in task-hub history. So each
// payload carries the opaque referral id and nothing else of the referral: never personal data, and
// never a document (payloads over ~45 KB are moved to blobs by the Azure Storage backend).

/// <summary>The orchestration's input, passed again on every continue-as-new.</summary>
/// <param name="Turn">How many turns this instance has run since it was (re)started; for operators.</param>
/// <param name="Failures">Consecutive turns in which an activity failed; drives the retry backoff.</param>
/// <param name="NextDue">The next due timer as the previous turn read it: a turn that wakes at or after
/// it fires the due timers first. Null on a fresh start (the turn then reads before it fires).</param>
internal sealed record ReferralClockInput(string ReferralId, int Turn = 0, int Failures = 0, DateTimeOffset? NextDue = null);

/// <summary>Input of the DeliverOutbox activity.</summary>
public sealed record ReferralActivityInput(string ReferralId);

/// <summary>Input of the FireDueTimers activity: the orchestration's (replay-safe) current time.</summary>
public sealed record FireDueTimersInput(string ReferralId, DateTimeOffset Now);

/// <summary>What the DeliverOutbox activity read after delivering: everything the clock decides on.</summary>
/// <param name="Version">The referral's version (0 if it does not exist): the clock has delivered up to it.</param>
/// <param name="NextDue">The earliest timer of the referral (null if none, or it ended).</param>
/// <param name="RetryAt">The earliest time an outbox row left for later (a failed send, another host's lease) may be tried.</param>
/// <param name="HasEnded">The referral has ended: with nothing left to deliver, the instance completes.</param>
public sealed record ClockReading(int Version, DateTimeOffset? NextDue, DateTimeOffset? RetryAt, bool HasEnded, int Delivered = 0);

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
public enum ReferralClockPhase { Sleeping, Waiting, Retrying, Ended }

/// <param name="WakeAt">When the timer fires, unless "referral changed" comes first (UTC); null while
/// the referral has nothing due (the clock then waits for a change only).</param>
/// <param name="SeenVersion">The referral version this clock has delivered up to: the sweep compares it
/// with the outbox to find a lost wake-up.</param>
public sealed record ReferralClockStatus(ReferralClockPhase Phase, DateTime? WakeAt, int Turn, int Failures, int SeenVersion);
