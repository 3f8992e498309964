using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Api.Referrals;

/// <summary>A referral as the API shows it: where it is, what is due next, the decision's status and the
/// follow-up so far. The client appears only as the opaque client id (never the identity code).</summary>
public sealed record ReferralView(
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
    /// <param name="decider">For the due dates (derived from state); none when not available.</param>
    public static ReferralView From(ReferralState s, ReferralDecider? decider) => new(
        s.Id, s.Version, s.Status, s.ProfileId, s.Unit, s.CaseOwner, s.ReviewBodyId, s.ClientId, s.ClientBirthDate,
        s.ServiceTypeCode, s.AssessmentSummary, s.Goals, s.RequestedStart, s.SubmittedAt, s.ReviewRounds, s.InformationDueOn,
        decider is null || s.HasEnded ? [] : decider.Schedule(s).OrderBy(t => t.DueAt).Select(t => new DueDateView(t.Kind, t.DueAt)).ToList(),
        new DecisionStatusView(
            s.DraftVersion, s.Draft?.Kind, s.DraftedAt, s.Decision is not null, s.Decision?.DraftVersion,
            s.Decision?.SignedOn, s.Decision?.NotifiedOn, s.Decision?.DocumentSha256, s.DecisionFinalOn),
        new FollowUpView(
            s.ServiceStartedOn, s.Provider, s.ClientPlanOn, s.InterimEvaluations, s.ProviderReports,
            s.EsyMeasurements.Select(m => new EsyMeasurementView(m.On, m.Scores.ByArea)).ToList(), s.ClosedOn, s.FeedbackCollected),
        s.EndReason);
}

/// <summary>A reminder or deadline that will come due (derived from state by the process).</summary>
public sealed record DueDateView(TimerKind Kind, DateTimeOffset DueAt);

public sealed record DecisionStatusView(
    int DraftVersion, DecisionKind? DraftKind, DateTimeOffset? DraftedAt, bool Signed, int? SignedDraftVersion,
    DateOnly? SignedOn, DateOnly? NotifiedOn, string? DocumentSha256, DateOnly? FinalOn);

public sealed record FollowUpView(
    DateOnly? ServiceStartedOn, string? Provider, DateOnly? ClientPlanOn, IReadOnlyList<DateOnly> InterimEvaluations,
    IReadOnlyList<DateOnly> ProviderReports, IReadOnlyList<EsyMeasurementView> EsyMeasurements, DateOnly? ClosedOn, bool FeedbackCollected);

public sealed record EsyMeasurementView(DateOnly On, IReadOnlyDictionary<string, int> Scores);
