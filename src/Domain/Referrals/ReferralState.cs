using EsyInstrument = Referrals.Domain.Esy.EsyInstrument;
using System.Collections.Immutable;
using Referrals.Domain.Decisions;

namespace Referrals.Domain.Referrals;

/// <summary>A referral as it stands, folded from its events by <see cref="ReferralDecider.Evolve"/>.
/// Version counts the events applied (0 = none), so it is also the stream position.</summary>
public sealed record ReferralState
{
    public static readonly ReferralState Initial = new();

    public string Id { get; init; } = "";
    public int Version { get; init; }
    public ReferralStatus Status { get; init; } = ReferralStatus.None;

    public string ProfileId { get; init; } = "";
    /// <summary>The version of the process configuration the referral started under (its rules apply to it while loaded).</summary>
    public string ConfigurationVersion { get; init; } = "";
    /// <summary>The client's home municipality (Statistics Finland code) recorded at submission; null where not recorded.</summary>
    public string? HomeMunicipality { get; init; }
    /// <summary>The referring unit (lähettävä yksikkö): whose workers and signers own this referral.</summary>
    public string Unit { get; init; } = "";
    /// <summary>The case owner's user id (vastuutyöntekijä).</summary>
    public string CaseOwner { get; init; } = "";
    /// <summary>The review body currently responsible ("" where the profile has none).</summary>
    public string ReviewBodyId { get; init; } = "";
    /// <summary>Opaque client id; never the personal identity code.</summary>
    public string ClientId { get; init; } = "";
    public DateOnly ClientBirthDate { get; init; }
    public string ServiceTypeCode { get; init; } = "";
    public string AssessmentSummary { get; init; } = "";
    public ImmutableList<string> Goals { get; init; } = [];
    public DateOnly RequestedStart { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }
    /// <summary>When the referral last entered the review queue (submission, supplement, transfer).</summary>
    public DateTimeOffset QueuedForReviewAt { get; init; }
    public int ReviewRounds { get; init; }
    public DateOnly? InformationDueOn { get; init; }
    public DateTimeOffset? InformationRequestedAt { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }
    /// <summary>Where a redirected referral was sent (another service or body).</summary>
    public string? RedirectedTo { get; init; }
    /// <summary>When the worker was last asked to draft (approval, refusal, a returned draft, or the
    /// submission where there is no review body): the drafting deadline counts from here.</summary>
    public DateTimeOffset? DraftingSince { get; init; }

    public int DraftVersion { get; init; }
    public DecisionDraft? Draft { get; init; }
    public DateTimeOffset? DraftedAt { get; init; }

    /// <summary>The latest signed decision (the only one, for most referrals). <see cref="Notification"/>,
    /// <see cref="RequestForReview"/> and <see cref="DecisionFinalOn"/> are its course; every decision's own
    /// course is in <see cref="Decisions"/>.</summary>
    public SignedDecision? Decision { get; init; }
    /// <summary>Every signed decision in signing order (number 1, 2, …), each with its own notification,
    /// request for review and finality.</summary>
    public ImmutableList<DecisionCourse> Decisions { get; init; } = [];
    /// <summary>A draft of a later decision on the granted service (ending, continuation, change, or a version
    /// changed on review) waits for signature while the service goes on.</summary>
    public bool FollowOnDraftPending { get; init; }
    /// <summary>The number of the decision the review body changed on review, whose new version is still to be signed.</summary>
    public int? ChangeOwed { get; init; }
    /// <summary>How and when the signed decision was sent to the client (null until recorded, and for
    /// streams from before it was recorded, whose decision carries an assumed notification day).</summary>
    public DecisionNotification? Notification { get; init; }
    /// <summary>The request for review of the decision, if one arrived.</summary>
    public RequestForReview? RequestForReview { get; init; }
    public DateOnly? DecisionFinalOn { get; init; }

    public DateOnly? ServiceStartedOn { get; init; }
    public string? Provider { get; init; }
    /// <summary>The provider unit the service is assigned to at its start (null: none recorded): its ServiceProvider role's scope.</summary>
    public string? ProviderUnit { get; init; }
    /// <summary>Own or purchased service, as recorded at the start (or, for older streams, as the granting decision named it).</summary>
    public ProviderKind? ProviderKind { get; init; }
    /// <summary>The day of the provider's latest rehabilitation plan (kuntoutussuunnitelma).</summary>
    public DateOnly? RehabilitationPlanOn { get; init; }
    /// <summary>The day of the joint assessment (Espoo's case owner and counsellor), where the profile has the step.</summary>
    public DateOnly? JointAssessedOn { get; init; }
    public DateOnly? ClientPlanOn { get; init; }
    /// <summary>The ESY re-measurement month agreed in the client plan, for a service granted until further notice.</summary>
    public int? ClientPlanEsyMonth { get; init; }
    /// <summary>The service as the client plan records it, where the profile writes services into the plan instead of a
    /// decision (Helsinki); null otherwise.</summary>
    public PlannedService? ServiceInPlan { get; init; }
    public ImmutableList<DateOnly> InterimEvaluations { get; init; } = [];
    public ImmutableList<DateOnly> ProviderReports { get; init; } = [];
    /// <summary>Ids of the attachments recorded for the referral, in order.</summary>
    public ImmutableList<string> Attachments { get; init; } = [];
    public EsyScores? EsyBaseline { get; init; }
    /// <summary>The instrument of <see cref="EsyBaseline"/> (null without one).</summary>
    public string? EsyBaselineInstrumentId { get; init; }
    public ImmutableList<EsyMeasurement> EsyMeasurements { get; init; } = [];
    public DateOnly? ClosedOn { get; init; }
    public bool FeedbackCollected { get; init; }
    public string? EndReason { get; init; }

    /// <summary>Reminders already raised, by kind and due time, so each goes out once.</summary>
    public ImmutableHashSet<RaisedReminder> RemindersRaised { get; init; } = [];

    public bool HasEnded => Status is ReferralStatus.Closed or ReferralStatus.Withdrawn
        or ReferralStatus.Redirected or ReferralStatus.Refused;

    /// <summary>The last day a request for review of the decision may arrive: from the recorded sending, or,
    /// for decisions signed before the sending was recorded, from the notification day then assumed. Null
    /// while the decision has not been sent (the period has not begun).</summary>
    public DateOnly? ReviewPeriodEndsOn => Notification?.ReviewPeriodEndsOn
        ?? (Decision?.AssumedNotifiedOn is { } assumed ? NotificationLaw.LastDayOfReview(assumed) : null);

    /// <summary>A decision still waits for what follows signing: notification, the end of the review
    /// period, or the review body's decision on a request made in time; or a changed decision's new version
    /// is still to be signed.</summary>
    public bool DecisionOpen => ChangeOwed is not null || FollowOnDraftPending
        || (Decisions.Count > 0 ? Decisions.Any(d => d.Open) : Decision is not null && DecisionFinalOn is null
            && RequestForReview is not { InTime: true, Outcome: not null });

    /// <summary>Every signed decision with its course, also in states built without the sequence (only the latest then).</summary>
    public IReadOnlyList<DecisionCourse> SignedDecisions => Decisions.Count > 0 ? Decisions
        : Decision is { } d ? [new DecisionCourse(d) { Notification = Notification, RequestForReview = RequestForReview, FinalOn = DecisionFinalOn }] : [];

    /// <summary>The decision that grants the service now: the latest granting, continuation or change decision.</summary>
    public SignedDecision? Grant => SignedDecisions.LastOrDefault(d => d.Draft.Grants)?.Decision;

    /// <summary>The signed ending decision after the grant in force, if any: the service closes on its last day.</summary>
    public SignedDecision? Ending => SignedDecisions.LastOrDefault() is { Draft.Kind: DecisionKind.Ending } last ? last.Decision : null;

    /// <summary>The service's last day as decided: an ending decision's last day, else the grant's end, else the end the client
    /// plan wrote down (Helsinki); null while none is set (until further notice).</summary>
    public DateOnly? ServiceEndsOn => Ending?.Draft.End ?? Grant?.Draft.End ?? ServiceInPlan?.End;

    /// <summary>A draft waits for the signer: the first decision's, or a later one on the granted service.</summary>
    public bool SignaturePending => Draft is not null && (Status == ReferralStatus.AwaitingSignature || FollowOnDraftPending);

    /// <summary>Nothing is left to happen: the referral has ended and so has its decision's course. The
    /// referral's clock completes only then (a refusal still runs to its notification and finality).</summary>
    public bool IsSettled => HasEnded && !DecisionOpen;
}

/// <summary>The signed decision. AssumedNotifiedOn is set only for decisions signed before notification was
/// recorded: the notification day then assumed.</summary>
public sealed record SignedDecision(
    int DraftVersion, DecisionDraft Draft, string DocumentSha256, DateOnly SignedOn, DateOnly? AssumedNotifiedOn, string SignedBy)
{
    /// <summary>Its place among the referral's signed decisions: 1 for the first.</summary>
    public int Number { get; init; } = 1;

    /// <summary>The decision-maker's name and title as the signing event recorded them (null before sign-in recorded them).</summary>
    public string? SignerName { get; init; }

    public string? SignerTitle { get; init; }

    /// <summary>The signer rule the decision names (null for decisions signed before the rule was named).</summary>
    public Profiles.SignerRule? SignerRule { get; init; }
}

/// <summary>One signed decision and what followed it: its sending to the client, a request for review and the
/// review body's decision, and its finality. The decision itself never changes; its course does.</summary>
public sealed record DecisionCourse(SignedDecision Decision)
{
    public int Number => Decision.Number;

    public DecisionDraft Draft => Decision.Draft;

    public int DraftVersion => Decision.DraftVersion;

    public DateOnly SignedOn => Decision.SignedOn;

    /// <summary>How and when this decision was sent to the client (null until recorded).</summary>
    public DecisionNotification? Notification { get; init; }

    public RequestForReview? RequestForReview { get; init; }

    public DateOnly? FinalOn { get; init; }

    /// <summary>The last day a request for review of this decision may arrive (null before it was sent).</summary>
    public DateOnly? ReviewPeriodEndsOn => Notification?.ReviewPeriodEndsOn
        ?? (Decision.AssumedNotifiedOn is { } assumed ? NotificationLaw.LastDayOfReview(assumed) : null);

    /// <summary>Still waits for its notification, the end of its review period or the review body's decision.</summary>
    public bool Open => FinalOn is null && RequestForReview is not { InTime: true, Outcome: not null };
}

/// <summary>A request for review: when it arrived, whether in time, and the review body's decision once made.</summary>
public sealed record RequestForReview(DateOnly ReceivedOn, RequestForReviewBy Requester, bool InTime,
    RequestForReviewOutcome? Outcome = null, DateOnly? DecidedOn = null);

public sealed record EsyMeasurement(DateOnly On, EsyScores Scores)
{
    public string InstrumentId { get; init; } = EsyInstrument.EarlierEsyId;
}

public sealed record RaisedReminder(Scheduling.TimerKind Kind, DateTimeOffset DueAt);

/// <summary>A service written into the client plan (Helsinki): which, from when, to when (null: open), and what the plan says.</summary>
public sealed record PlannedService(DateOnly AgreedOn, string ServiceTypeCode, DateOnly Start, DateOnly? End, string Content);
