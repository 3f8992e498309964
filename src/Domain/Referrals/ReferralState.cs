using System.Collections.Immutable;

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

    public SignedDecision? Decision { get; init; }
    /// <summary>How and when the signed decision was sent to the client (null until recorded, and for
    /// streams from before it was recorded, whose decision carries an assumed notification day).</summary>
    public Decisions.DecisionNotification? Notification { get; init; }
    /// <summary>The request for review of the decision, if one arrived.</summary>
    public RequestForReview? RequestForReview { get; init; }
    public DateOnly? DecisionFinalOn { get; init; }

    public DateOnly? ServiceStartedOn { get; init; }
    public string? Provider { get; init; }
    public DateOnly? ClientPlanOn { get; init; }
    /// <summary>The ESY re-measurement month agreed in the client plan, for a service granted until further notice.</summary>
    public int? ClientPlanEsyMonth { get; init; }
    public ImmutableList<DateOnly> InterimEvaluations { get; init; } = [];
    public ImmutableList<DateOnly> ProviderReports { get; init; } = [];
    /// <summary>Ids of the attachments recorded for the referral, in order.</summary>
    public ImmutableList<string> Attachments { get; init; } = [];
    public EsyScores? EsyBaseline { get; init; }
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
        ?? (Decision?.AssumedNotifiedOn is { } assumed ? Decisions.NotificationLaw.LastDayOfReview(assumed) : null);

    /// <summary>The decision still waits for what follows signing: notification, the end of the review
    /// period, or the review body's decision on a request made in time.</summary>
    public bool DecisionOpen => Decision is not null && DecisionFinalOn is null
        && RequestForReview is not { InTime: true, Outcome: not null };

    /// <summary>Nothing is left to happen: the referral has ended and so has its decision's course. The
    /// referral's clock completes only then (a refusal still runs to its notification and finality).</summary>
    public bool IsSettled => HasEnded && !DecisionOpen;
}

/// <summary>The signed decision. AssumedNotifiedOn is set only for decisions signed before notification was
/// recorded: the notification day then assumed.</summary>
public sealed record SignedDecision(
    int DraftVersion, DecisionDraft Draft, string DocumentSha256, DateOnly SignedOn, DateOnly? AssumedNotifiedOn, string SignedBy)
{
    /// <summary>The decision-maker's name and title as the signing event recorded them (null before sign-in recorded them).</summary>
    public string? SignerName { get; init; }

    public string? SignerTitle { get; init; }
}

/// <summary>A request for review: when it arrived, whether in time, and the review body's decision once made.</summary>
public sealed record RequestForReview(DateOnly ReceivedOn, RequestForReviewBy Requester, bool InTime,
    RequestForReviewOutcome? Outcome = null, DateOnly? DecidedOn = null);

public sealed record EsyMeasurement(DateOnly On, EsyScores Scores);

public sealed record RaisedReminder(Scheduling.TimerKind Kind, DateTimeOffset DueAt);
