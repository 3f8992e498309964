using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Referrals;

/// <summary>A referral as the API shows it: where it is, what is due next, the decision's status and the
/// follow-up so far. The client appears only as the opaque client id (never the identity code).</summary>
internal sealed record ReferralView(
    string Id,
    int Version,
    ReferralStatus Status,
    string ProfileId,
    string Unit,
    string CaseOwner,
    string ReviewBodyId,
    string ClientId,
    DateOnly ClientBirthDate,
    string ServiceTypeCode,
    string AssessmentSummary,
    IReadOnlyList<string> Goals,
    DateOnly RequestedStart,
    DateTimeOffset SubmittedAt,
    int ReviewRounds,
    DateOnly? InformationDueOn,
    IReadOnlyList<DueDateView> DueDates,
    DecisionStatusView Decision,
    FollowUpView FollowUp,
    string? EndReason)
{
    /// <summary>The version of the process configuration the referral started under (GET /api/configuration).</summary>
    public string ConfigurationVersion { get; init; } = "";

    /// <summary>The client's home municipality (Statistics Finland code), where recorded at submission.</summary>
    public string? HomeMunicipality { get; init; }

    /// <summary>The day of the joint assessment with the counsellor, where the profile has the step (Espoo).</summary>
    public DateOnly? JointAssessedOn { get; init; }

    /// <summary>Where a client app finds the referral's page and the client's instrument chart (for the same readers as this view).</summary>
    public ReferralLinksView Links { get; init; } = null!;

    /// <param name="decider">For the due dates (derived from state); none when not available.</param>
    public static ReferralView From(ReferralState s, ReferralDecider? decider) => new(
        s.Id, s.Version, s.Status, s.ProfileId, s.Unit, s.CaseOwner, s.ReviewBodyId, s.ClientId, s.ClientBirthDate,
        s.ServiceTypeCode, s.AssessmentSummary, s.Goals, s.RequestedStart, s.SubmittedAt, s.ReviewRounds, s.InformationDueOn,
        decider is null || s.IsSettled ? [] : decider.Schedule(s).OrderBy(t => t.DueAt).Select(t => new DueDateView(t.Kind, t.DueAt)).ToList(),
        new DecisionStatusView(
            s.DraftVersion, s.Draft?.Kind, s.DraftedAt, s.Decision is not null, s.Decision?.DraftVersion,
            s.Decision?.SignedOn, s.Notification?.DeemedOn ?? s.Decision?.AssumedNotifiedOn, s.DecisionFinalOn, s.Decision?.DocumentSha256,
            s.Notification is { } n ? new NotificationView(n.Method, n.SentOn, n.DeemedOn, n.ReviewPeriodEndsOn) : null,
            s.RequestForReview is { } r ? new RequestForReviewView(r.ReceivedOn, r.Requester, r.InTime, r.Outcome, r.DecidedOn) : null)
        {
            Decisions = s.SignedDecisions.Select(SignedDecisionView.From).ToList(),
            SignaturePending = s.SignaturePending,
            ChangeOwed = s.ChangeOwed,
        },
        new FollowUpView(
            s.ServiceStartedOn, s.Provider, s.ClientPlanOn, s.InterimEvaluations, s.ProviderReports,
            s.EsyMeasurements.Select(m => new EsyMeasurementView(m.On, m.Scores.ByArea) { Instrument = m.InstrumentId }).ToList(), s.ClosedOn, s.FeedbackCollected)
        {
            ProviderUnit = s.ProviderUnit, ProviderKind = s.ProviderKind, RehabilitationPlanOn = s.RehabilitationPlanOn,
        },
        s.EndReason)
    {
        ConfigurationVersion = s.ConfigurationVersion,
        HomeMunicipality = s.HomeMunicipality,
        JointAssessedOn = s.JointAssessedOn,
        Links = ReferralLinksView.For(s.Id),
    };
}

/// <summary>The referral's page (printable HTML, fi/sv) and the client's instrument chart (SVG; `?instrument=` for another than the default).</summary>
internal sealed record ReferralLinksView(string Page, string InstrumentChart)
{
    public static ReferralLinksView For(string id) => new($"/api/referrals/{id}/page", $"/api/referrals/{id}/instrument-chart");
}

/// <summary>A reminder or deadline that will come due (derived from state by the process).</summary>
internal sealed record DueDateView(TimerKind Kind, DateTimeOffset DueAt);

/// <param name="NotifiedOn">The deemed notification day (from the recorded sending; for decisions signed before
/// sending was recorded, the day then assumed).</param>
/// <param name="Notification">How and when the decision was sent, and the review period that follows; null until recorded.</param>
/// <param name="RequestForReview">The request for review (oikaisuvaatimus), if one arrived.</param>
internal sealed record DecisionStatusView(
    int DraftVersion, DecisionKind? DraftKind, DateTimeOffset? DraftedAt, bool Signed, int? SignedDraftVersion,
    DateOnly? SignedOn, DateOnly? NotifiedOn, DateOnly? FinalOn, string? DocumentSha256,
    NotificationView? Notification, RequestForReviewView? RequestForReview)
{
    /// <summary>Every signed decision in signing order (the fields above are the latest one's).</summary>
    public IReadOnlyList<SignedDecisionView> Decisions { get; init; } = [];

    /// <summary>A draft waits for the signer (the first decision's, or a later one's on the granted service).</summary>
    public bool SignaturePending { get; init; }

    /// <summary>The number of the decision the review body changed, whose new version is still to be signed.</summary>
    public int? ChangeOwed { get; init; }
}

/// <summary>One signed decision: its number, kind, the draft version it signed and the document's SHA-256, and its
/// own course (notification, review period, request for review, finality). <c>Changes</c>: the decision it is the
/// new version of, after a review; <c>EndingReason</c>: why an ending decision ends the service.</summary>
internal sealed record SignedDecisionView(
    int Number, DecisionKind Kind, int DraftVersion, DateOnly SignedOn, string DocumentSha256, DateOnly? Start, DateOnly? End,
    EndingReason? EndingReason, int? Changes, NotificationView? Notification, RequestForReviewView? RequestForReview, DateOnly? FinalOn)
{
    public static SignedDecisionView From(DecisionCourse d) => new(
        d.Number, d.Draft.Kind, d.DraftVersion, d.SignedOn, d.Decision.DocumentSha256, d.Draft.Start, d.Draft.End,
        d.Draft.EndingReason, d.Draft.Changes,
        d.Notification is { } n ? new NotificationView(n.Method, n.SentOn, n.DeemedOn, n.ReviewPeriodEndsOn) : null,
        d.RequestForReview is { } r ? new RequestForReviewView(r.ReceivedOn, r.Requester, r.InTime, r.Outcome, r.DecidedOn) : null,
        d.FinalOn);
}

internal sealed record NotificationView(Domain.Decisions.NotificationMethod Method, DateOnly SentOn, DateOnly DeemedOn, DateOnly ReviewPeriodEndsOn);

internal sealed record RequestForReviewView(
    DateOnly ReceivedOn, RequestForReviewBy Requester, bool InTime, RequestForReviewOutcome? Outcome, DateOnly? DecidedOn);

internal sealed record FollowUpView(
    DateOnly? ServiceStartedOn, string? Provider, DateOnly? ClientPlanOn, IReadOnlyList<DateOnly> InterimEvaluations,
    IReadOnlyList<DateOnly> ProviderReports, IReadOnlyList<EsyMeasurementView> EsyMeasurements, DateOnly? ClosedOn, bool FeedbackCollected)
{
    /// <summary>The provider unit the service started at (a provider unit of GET /api/configuration), where named.</summary>
    public string? ProviderUnit { get; init; }

    /// <summary>Own or purchased service, as recorded at the start.</summary>
    public ProviderKind? ProviderKind { get; init; }

    /// <summary>The day of the provider's latest rehabilitation plan (kuntoutussuunnitelma).</summary>
    public DateOnly? RehabilitationPlanOn { get; init; }
}

internal sealed record EsyMeasurementView(DateOnly On, IReadOnlyDictionary<string, int> Scores)
{
    /// <summary>The instrument measured with (GET …/measurements/{instrument}/comparison compares its measurements).</summary>
    public string Instrument { get; init; } = Domain.Esy.EsyInstrument.EarlierEsyId;
}
