using EsyInstrument = Referrals.Domain.Esy.EsyInstrument;
using System.Text.Json.Serialization;
using Referrals.Domain.Common;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Referrals;

/// <summary>What happened to a referral. The event stream is the audit trail: every event says who
/// (user id, role, unit) and when. Never a personal identity code. The discriminators are stored and
/// must never change; add new event types instead.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ReferralSubmitted), "submitted")]
[JsonDerivedType(typeof(ReferralApproved), "approved")]
[JsonDerivedType(typeof(ReferralRefused), "refused")]
[JsonDerivedType(typeof(InformationRequested), "information-requested")]
[JsonDerivedType(typeof(InformationSupplemented), "information-supplemented")]
[JsonDerivedType(typeof(ReferralRedirected), "redirected")]
[JsonDerivedType(typeof(ReferralTransferred), "transferred")]
[JsonDerivedType(typeof(ReferralWithdrawn), "withdrawn")]
[JsonDerivedType(typeof(DecisionDrafted), "decision-drafted")]
[JsonDerivedType(typeof(DecisionSigned), "decision-signed")]
[JsonDerivedType(typeof(DecisionReturned), "decision-returned")]
[JsonDerivedType(typeof(DecisionBecameFinal), "decision-final")]
[JsonDerivedType(typeof(ServiceStarted), "service-started")]
[JsonDerivedType(typeof(ClientPlanRecorded), "client-plan-recorded")]
[JsonDerivedType(typeof(InterimEvaluationRecorded), "interim-evaluation-recorded")]
[JsonDerivedType(typeof(ProviderReportRecorded), "provider-report-recorded")]
[JsonDerivedType(typeof(EsyMeasured), "esy-measured")]
[JsonDerivedType(typeof(ServiceClosed), "service-closed")]
[JsonDerivedType(typeof(ReminderRaised), "reminder-raised")]
[JsonDerivedType(typeof(AttachmentAdded), "attachment-added")]
[JsonDerivedType(typeof(DecisionNotified), "decision-notified")]
[JsonDerivedType(typeof(RequestForReviewReceived), "request-for-review-received")]
[JsonDerivedType(typeof(RequestForReviewDecided), "request-for-review-decided")]
[JsonDerivedType(typeof(ClientRecordCorrected), "client-record-corrected")]
[JsonDerivedType(typeof(ReferralRedirectedForRefusal), "redirected-for-refusal")]
[JsonDerivedType(typeof(RehabilitationPlanRecorded), "rehabilitation-plan-recorded")]
[JsonDerivedType(typeof(CaseOwnerChanged), "case-owner-changed")]
[JsonDerivedType(typeof(ServiceRecordedInClientPlan), "service-recorded-in-client-plan")]
[JsonDerivedType(typeof(JointAssessmentRecorded), "joint-assessment-recorded")]
public abstract record ReferralEvent
{
    public DateTimeOffset At { get; init; }
    public Actor By { get; init; } = Actor.System;
}

public sealed record ReferralSubmitted(
    string ProfileId,
    string ReviewBodyId,
    string ClientId,
    DateOnly ClientBirthDate,
    string ServiceTypeCode,
    string AssessmentSummary,
    IReadOnlyList<string> Goals,
    DateOnly RequestedStart,
    EsyScores? EsyBaseline) : ReferralEvent
{
    /// <summary>The version of the process configuration the referral started under; absent in streams written
    /// before referrals recorded it, which replay as <see cref="Profiles.DefaultProcessConfiguration.Version"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ConfigurationVersion { get; init; }

    /// <summary>The client's home municipality (Statistics Finland code), where the worker recorded it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? HomeMunicipality { get; init; }

    private readonly string? baselineInstrumentId;

    /// <summary>The instrument of <see cref="EsyBaseline"/>; null without a baseline. A baseline recorded before
    /// measurements named their instrument reads as <see cref="EsyInstrument.EarlierEsyId"/> (the upcast).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BaselineInstrumentId
    {
        get => EsyBaseline is null ? null : baselineInstrumentId ?? EsyInstrument.EarlierEsyId;
        init => baselineInstrumentId = value;
    }
}

public sealed record ReferralApproved(string Reasons) : ReferralEvent;

public sealed record ReferralRefused(string Reasons) : ReferralEvent;

public sealed record InformationRequested(string Question, DateOnly DueOn) : ReferralEvent;

public sealed record InformationSupplemented(string Text) : ReferralEvent;

/// <summary>Redirected as streams recorded it before a redirect led to a decision: the referral ended here
/// with no decision. No longer written (<see cref="ReferralRedirectedForRefusal"/> is); kept so that old streams replay.</summary>
public sealed record ReferralRedirected(string To, string Reasons) : ReferralEvent;

/// <summary>The review body redirected the client to another service (<paramref name="To"/>): the requested
/// service is not given, so the worker drafts a refusing decision (with review instructions) that guides
/// the client there, unless the client withdraws the application (<see cref="ReferralWithdrawn"/>).</summary>
public sealed record ReferralRedirectedForRefusal(string To, string Reasons) : ReferralEvent;

/// <summary>The case moves to another review body (Steppi team → steering group), and to the profile that body runs
/// (<see cref="ToProfileId"/>): from here on its services, ages, durations, deadlines and signer are that profile's.
/// Streams written before the switch was recorded have no ToProfileId and keep their profile.</summary>
public sealed record ReferralTransferred(string ToReviewBodyId, string Reasons) : ReferralEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ToProfileId { get; init; }
}

public sealed record ReferralWithdrawn(string Reason) : ReferralEvent;

public sealed record DecisionDrafted(int DraftVersion, DecisionDraft Draft) : ReferralEvent;

/// <summary>A decision is signed (the first, or a later one: ending, continuation, change, a version changed
/// on review; its number is its place among the referral's signing events); the document (rendered deterministically from the draft and the
/// signing date) has this SHA-256. From here on the decision never changes. NotifiedOn is set only in
/// streams written before notification was recorded (the day then assumed, signing + 7 days); it is
/// null since, and <see cref="DecisionNotified"/> records the real sending.</summary>
public sealed record DecisionSigned(int DraftVersion, string DocumentSha256, DateOnly SignedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? NotifiedOn = null) : ReferralEvent
{
    /// <summary>The signer's name and title as their sign-in gave them (null in events from before sign-in);
    /// <c>By.UserId</c> is their object id.</summary>
    public string? SignerName { get; init; }

    public string? SignerTitle { get; init; }

    /// <summary>The signer rule the decision was made under, as the document names it (null in events from before the
    /// rule was named: their documents carry no such line, so they render to the hash they were signed with).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Profiles.SignerRule? SignerRule { get; init; }

    /// <summary>Who signed, as the decision shows it: "name, title", or the user id when no name is known.</summary>
    public static string Signature(string userId, string? name, string? title) =>
        string.IsNullOrWhiteSpace(name) ? userId : string.IsNullOrWhiteSpace(title) ? name.Trim() : $"{name.Trim()}, {title.Trim()}";
}

/// <summary>The decision was sent to the client (tiedoksianto); the deemed day and the last day of the
/// review period follow from the sending date by law.</summary>
public sealed record DecisionNotified(
    Decisions.NotificationMethod Method, DateOnly SentOn, DateOnly DeemedOn, DateOnly ReviewPeriodEndsOn) : ReferralEvent
{
    /// <summary>Which signed decision (1, 2, … in signing order) this is about. Null: the latest decision
    /// signed when the event was written, which is how every stream from before a referral could carry more
    /// than one decision reads; written only for an earlier decision.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DecisionNumber { get; init; }
}

/// <summary>A request for review (oikaisuvaatimus) arrived. In time: the decision is not final until the
/// review body has decided. Late (after the last day): it does not stop the decision becoming final.</summary>
public sealed record RequestForReviewReceived(DateOnly ReceivedOn, RequestForReviewBy Requester, bool InTime) : ReferralEvent
{
    /// <summary>Which signed decision (1, 2, … in signing order) this is about. Null: the latest decision
    /// signed when the event was written, which is how every stream from before a referral could carry more
    /// than one decision reads; written only for an earlier decision.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DecisionNumber { get; init; }
}

/// <summary>The review body decided on the request for review. Changed: the worker drafts the decision's new
/// version (<see cref="DecisionDraft.Changes"/>), which is signed and notified as a decision of its own.</summary>
public sealed record RequestForReviewDecided(RequestForReviewOutcome Outcome, DateOnly DecidedOn, string Reasons) : ReferralEvent
{
    /// <summary>Changed, and the decision's new version is to be drafted (true in every such event written
    /// since; streams from before recorded the outcome only, and replay as they did).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool NewVersionFollows { get; init; }

    /// <summary>Which signed decision (1, 2, … in signing order) this is about. Null: the latest decision
    /// signed when the event was written, which is how every stream from before a referral could carry more
    /// than one decision reads; written only for an earlier decision.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DecisionNumber { get; init; }
}

public sealed record DecisionReturned(int DraftVersion, string Comment) : ReferralEvent;

/// <summary>The review period after notification ended with no request for review in time: the decision is final.</summary>
public sealed record DecisionBecameFinal(DateOnly On) : ReferralEvent
{
    /// <summary>Which signed decision (1, 2, … in signing order) this is about. Null: the latest decision
    /// signed when the event was written, which is how every stream from before a referral could carry more
    /// than one decision reads; written only for an earlier decision.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DecisionNumber { get; init; }
}

public sealed record ServiceStarted(DateOnly On, string? Provider) : ReferralEvent
{
    /// <summary>The provider unit (a unit of the configuration with a provider kind) the service is assigned to; its
    /// ServiceProvider role reads and reports on the referral. Null in streams from before it was recorded and where the
    /// worker named none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ProviderUnit { get; init; }

    /// <summary>Own service or purchased (ostopalvelu), as at the start. Null in streams from before it was recorded: they
    /// replay with the kind the granting decision named, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ProviderKind? ProviderKind { get; init; }
}

public sealed record ClientPlanRecorded(DateOnly On) : ReferralEvent
{
    /// <summary>The ESY re-measurement month agreed in the plan (only for a service granted until further notice).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? EsyRemeasurementMonth { get; init; }
}

public sealed record InterimEvaluationRecorded(DateOnly On, string Notes) : ReferralEvent;

public sealed record ProviderReportRecorded(DateOnly On, string Summary) : ReferralEvent;

/// <summary>kuntoutussuunnitelma: the provider's rehabilitation plan, drawn up with the client and the case owner
/// (a later one replaces it). Who recorded it is in <c>By</c>.</summary>
public sealed record RehabilitationPlanRecorded(DateOnly On, string Summary) : ReferralEvent;

public sealed record EsyMeasured(DateOnly On, EsyScores Scores) : ReferralEvent
{
    /// <summary>The instrument measured with. A measurement recorded before measurements named their instrument reads as
    /// <see cref="EsyInstrument.EarlierEsyId"/> (the upcast).</summary>
    public string InstrumentId { get; init; } = EsyInstrument.EarlierEsyId;
}

public sealed record AttachmentAdded(string AttachmentId, string ContentType, long Length, string Sha256Hex) : ReferralEvent;

public sealed record ServiceClosed(DateOnly On, string Summary, bool FeedbackCollected) : ReferralEvent
{
    /// <summary>The number of the signed ending decision that closed the service on its ending day (null: the
    /// worker closed it with a summary).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? EndedByDecision { get; init; }

    /// <summary>The ending decision's reason, when one closed the service.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public EndingReason? EndingReason { get; init; }
}

/// <summary>A derived timer came due and its reminder (or escalation) goes out. Recorded so that the
/// same reminder is never raised twice.</summary>
public sealed record ReminderRaised(TimerKind Kind, DateTimeOffset DueAt) : ReferralEvent;

/// <summary>The client's details were corrected in the protected client record: which fields (their names,
/// e.g. <c>fullName</c>, <c>address</c>), by whom and when. The audit row of a correction; no values.</summary>
public sealed record ClientRecordCorrected(IReadOnlyList<string> Fields) : ReferralEvent;

/// <summary>The case owner changed (SHL § 42) from <paramref name="From"/> to <paramref name="To"/> (user ids), for the reason given.</summary>
public sealed record CaseOwnerChanged(string From, string To, string Reason) : ReferralEvent;

/// <summary>The service was written into the client plan agreed on <paramref name="AgreedOn"/> (Helsinki: no separate § 17
/// decision): the service, its start and end (null: open), the ESY month agreed (null: none), and what the plan says.</summary>
public sealed record ServiceRecordedInClientPlan(
    DateOnly AgreedOn, string ServiceTypeCode, DateOnly Start, DateOnly? End, int? EsyRemeasurementMonth, string Content) : ReferralEvent;

/// <summary>yhteisarvio: the case owner and the counsellor <paramref name="CounsellorId"/> (a user id) of the profile's joint
/// assessment unit assessed the service need together on <paramref name="On"/>; what they concluded. A later one replaces it.</summary>
public sealed record JointAssessmentRecorded(DateOnly On, string CounsellorId, string Summary) : ReferralEvent;
