using EsyInstrument = Referrals.Domain.Esy.EsyInstrument;
using System.Collections.Immutable;

namespace Referrals.Domain.Referrals;

/// <summary>Folds one event into the state. Events are facts, so this never rejects; an event that does
/// not fit (a second submission, anything but a timer after the end, a change to a signed decision)
/// only advances the version, which keeps replay total and a signed decision fixed.</summary>
internal static class ReferralEvolution
{
    public static ReferralState Apply(ReferralState state, ReferralEvent? @event)
    {
        var next = state with { Version = state.Version + 1 };
        if (@event is null || !Fits(state, @event)) return next;
        return @event switch
        {
            ReferralSubmitted e => Submitted(next, e),
            ReferralApproved e => next with { Status = ReferralStatus.AwaitingGrantingDraft, ReviewedAt = e.At, DraftingSince = e.At },
            ReferralRefused e => next with { Status = ReferralStatus.AwaitingRefusingDraft, ReviewedAt = e.At, DraftingSince = e.At },
            InformationRequested e => next with
            {
                Status = ReferralStatus.AwaitingInformation, ReviewedAt = e.At, InformationRequestedAt = e.At, InformationDueOn = e.DueOn,
            },
            InformationSupplemented e => next with
            {
                Status = ReferralStatus.AwaitingReview, QueuedForReviewAt = e.At, ReviewRounds = state.ReviewRounds + 1, InformationDueOn = null,
            },
            ReferralRedirected e => next with { Status = ReferralStatus.Redirected, ReviewedAt = e.At, RedirectedTo = e.To, EndReason = e.Reasons },
            ReferralRedirectedForRefusal e => next with
            {
                Status = ReferralStatus.AwaitingRefusingDraft, ReviewedAt = e.At, DraftingSince = e.At, RedirectedTo = e.To,
            },
            ReferralTransferred e => next with
            {
                Status = ReferralStatus.AwaitingReview, ReviewBodyId = e.ToReviewBodyId ?? "", ReviewedAt = e.At,
                ProfileId = string.IsNullOrEmpty(e.ToProfileId) ? state.ProfileId : e.ToProfileId,
                QueuedForReviewAt = e.At, ReviewRounds = state.ReviewRounds + 1,
            },
            ReferralWithdrawn e => next with { Status = ReferralStatus.Withdrawn, EndReason = e.Reason },
            DecisionDrafted e => Drafted(state, next, e),
            DecisionReturned e when state.FollowOnDraftPending => next with { FollowOnDraftPending = false, DraftingSince = e.At },
            DecisionReturned e => next with { Status = DraftingStatus(state), DraftingSince = e.At },
            DecisionSigned e => Signed(state, next, e),
            DecisionBecameFinal e => WithDecision(next, Target(state, e.DecisionNumber), d => d with { FinalOn = e.On }),
            DecisionNotified e => WithDecision(next, Target(state, e.DecisionNumber),
                d => d with { Notification = new(e.Method, e.SentOn, e.DeemedOn, e.ReviewPeriodEndsOn) }),
            RequestForReviewReceived e => WithDecision(next, Target(state, e.DecisionNumber),
                d => d with { RequestForReview = new(e.ReceivedOn, e.Requester, e.InTime) }),
            RequestForReviewDecided e => ReviewDecided(state, next, e),
            ServiceStarted e => next with
            {
                Status = ReferralStatus.ServiceActive, ServiceStartedOn = e.On, Provider = e.Provider,
                ProviderUnit = e.ProviderUnit, ProviderKind = e.ProviderKind ?? state.Grant?.Draft.ProviderKind,
            },
            ClientPlanRecorded e => next with { ClientPlanOn = e.On, ClientPlanEsyMonth = e.EsyRemeasurementMonth ?? state.ClientPlanEsyMonth },
            InterimEvaluationRecorded e => next with { InterimEvaluations = state.InterimEvaluations.Add(e.On) },
            ProviderReportRecorded e => next with { ProviderReports = state.ProviderReports.Add(e.On) },
            RehabilitationPlanRecorded e => next with { RehabilitationPlanOn = e.On },
            AttachmentAdded e when !state.HasEnded => next with { Attachments = state.Attachments.Add(e.AttachmentId) },
            EsyMeasured e => next with { EsyMeasurements = state.EsyMeasurements.Add(new EsyMeasurement(e.On, e.Scores) { InstrumentId = e.InstrumentId ?? EsyInstrument.EarlierEsyId }) },
            ServiceClosed e => next with
            {
                Status = ReferralStatus.Closed, ClosedOn = e.On, FeedbackCollected = e.FeedbackCollected, EndReason = e.Summary,
                FollowOnDraftPending = false,
            },
            ReminderRaised e => next with { RemindersRaised = state.RemindersRaised.Add(new RaisedReminder(e.Kind, e.DueAt)) },
            CaseOwnerChanged e => next with { CaseOwner = e.To ?? state.CaseOwner },
            JointAssessmentRecorded e => next with { JointAssessedOn = e.On },
            ServiceRecordedInClientPlan e => next with
            {
                Status = ReferralStatus.AwaitingServiceStart, ClientPlanOn = e.AgreedOn, ClientPlanEsyMonth = e.EsyRemeasurementMonth,
                ServiceInPlan = new PlannedService(e.AgreedOn, e.ServiceTypeCode, e.Start, e.End, e.Content),
            },
            _ => next,
        };
    }

    private static bool Fits(ReferralState state, ReferralEvent @event) => @event switch
    {
        ReferralSubmitted => state.Status == ReferralStatus.None,
        _ when state.Status == ReferralStatus.None => false,
        ReminderRaised or DecisionBecameFinal => true,
        // What follows a signed decision goes on after a refusal has ended the referral.
        DecisionNotified e => Decision(state, e.DecisionNumber) is { Notification: null },
        RequestForReviewReceived e => Decision(state, e.DecisionNumber) is { RequestForReview: null },
        RequestForReviewDecided e => Decision(state, e.DecisionNumber) is { RequestForReview.Outcome: null },
        _ when state.HasEnded => false,
        // A later decision is drafted on the granted service, or as the new version of a changed decision.
        DecisionDrafted e => state.Decision is null || state.ChangeOwed is not null
            || (e.Draft is { OnGrantedService: true } && state.Status is ReferralStatus.ServiceActive or ReferralStatus.AwaitingServiceStart),
        DecisionReturned => state.Decision is null || state.SignaturePending,
        DecisionSigned => state.Draft is not null && (state.Decision is null || state.SignaturePending),
        ServiceRecordedInClientPlan => state.Status == ReferralStatus.AwaitingGrantingDraft && state.Decision is null,
        JointAssessmentRecorded => state.Decision is null,
        _ => true,
    };

    private static ReferralState Submitted(ReferralState next, ReferralSubmitted e)
    {
        var reviewed = !string.IsNullOrEmpty(e.ReviewBodyId);
        return next with
        {
            Status = reviewed ? ReferralStatus.AwaitingReview : ReferralStatus.AwaitingGrantingDraft,
            ProfileId = e.ProfileId,
            ConfigurationVersion = e.ConfigurationVersion ?? Profiles.DefaultProcessConfiguration.Version,
            HomeMunicipality = e.HomeMunicipality,
            Unit = e.By?.Unit ?? "",
            CaseOwner = e.By?.UserId ?? "",
            ReviewBodyId = e.ReviewBodyId ?? "",
            ClientId = e.ClientId,
            ClientBirthDate = e.ClientBirthDate,
            ServiceTypeCode = e.ServiceTypeCode,
            AssessmentSummary = e.AssessmentSummary,
            Goals = e.Goals?.ToImmutableList() ?? [],
            RequestedStart = e.RequestedStart,
            EsyBaseline = e.EsyBaseline,
            EsyBaselineInstrumentId = e.BaselineInstrumentId,
            SubmittedAt = e.At,
            QueuedForReviewAt = e.At,
            ReviewRounds = reviewed ? 1 : 0,
            DraftingSince = reviewed ? null : e.At,
        };
    }

    private static ReferralState Signed(ReferralState state, ReferralState next, DecisionSigned e)
    {
        var draft = next.Draft!;
        var decision = new SignedDecision(e.DraftVersion, draft, e.DocumentSha256, e.SignedOn, e.NotifiedOn,
            DecisionSigned.Signature(e.By?.UserId ?? "", e.SignerName, e.SignerTitle))
        {
            SignerName = e.SignerName,
            SignerTitle = e.SignerTitle,
            SignerRule = e.SignerRule,
            Number = state.Decisions.Count + 1,
        };
        var refusing = draft.Kind == DecisionKind.Refusing;
        // The first decision, or a changed version after the referral had ended, leaves the signature step; a
        // later decision on the granted service leaves the service where it is (an ending closes it on its day).
        var status = refusing ? ReferralStatus.Refused
            : state.Status != ReferralStatus.AwaitingSignature ? state.Status
            : state.ServiceStartedOn is not null ? ReferralStatus.ServiceActive
            : ReferralStatus.AwaitingServiceStart;
        return next with
        {
            Decision = decision,
            Decisions = state.Decisions.Add(new DecisionCourse(decision)),
            Notification = null,
            RequestForReview = null,
            DecisionFinalOn = null,
            FollowOnDraftPending = false,
            ChangeOwed = draft.Changes is not null ? null : state.ChangeOwed,
            Status = status,
            EndReason = refusing ? draft.Reasons : next.EndReason,
        };
    }

    private static ReferralState Drafted(ReferralState state, ReferralState next, DecisionDrafted e)
    {
        next = next with { DraftVersion = e.DraftVersion, Draft = e.Draft, DraftedAt = e.At };
        // The first decision (or a changed version after the referral ended) waits at the signature step; a later
        // decision on a running service waits beside it, so that the follow-up goes on.
        return state.Decision is null || state.Status == ReferralStatus.AwaitingChangedDraft
            ? next with { Status = ReferralStatus.AwaitingSignature }
            : next with { FollowOnDraftPending = true };
    }

    /// <summary>The review body's decision. Changed (in events that say a new version follows): the worker drafts
    /// the decision's new version; a referral that the changed decision had ended opens again for it.</summary>
    private static ReferralState ReviewDecided(ReferralState state, ReferralState next, RequestForReviewDecided e)
    {
        var number = Target(state, e.DecisionNumber);
        next = WithDecision(next, number, d => d with { RequestForReview = d.RequestForReview! with { Outcome = e.Outcome, DecidedOn = e.DecidedOn } });
        if (e.Outcome != RequestForReviewOutcome.Changed || !e.NewVersionFollows) return next;
        next = next with { ChangeOwed = number, DraftingSince = e.At };
        return state.HasEnded ? next with { Status = ReferralStatus.AwaitingChangedDraft, ClosedOn = null } : next;
    }

    /// <summary>The decision an event is about: the one it names, or the latest.</summary>
    private static int Target(ReferralState state, int? number) => number ?? state.Decisions.Count;

    private static DecisionCourse? Decision(ReferralState state, int? number)
    {
        var n = Target(state, number);
        return n >= 1 && n <= state.Decisions.Count ? state.Decisions[n - 1] : null;
    }

    /// <summary>Changes decision <paramref name="number"/>; the latest one's course is also the state's own.</summary>
    private static ReferralState WithDecision(ReferralState next, int number, Func<DecisionCourse, DecisionCourse> change)
    {
        if (number < 1 || number > next.Decisions.Count) return next;
        var changed = change(next.Decisions[number - 1]);
        next = next with { Decisions = next.Decisions.SetItem(number - 1, changed) };
        return number < next.Decisions.Count ? next : next with
        {
            Notification = changed.Notification,
            RequestForReview = changed.RequestForReview,
            DecisionFinalOn = changed.FinalOn,
        };
    }

    /// <summary>A returned draft goes back to the step that matches its kind.</summary>
    private static ReferralStatus DraftingStatus(ReferralState state) =>
        state.ChangeOwed is not null ? ReferralStatus.AwaitingChangedDraft
        : state.Draft?.Kind == DecisionKind.Refusing ? ReferralStatus.AwaitingRefusingDraft : ReferralStatus.AwaitingGrantingDraft;
}
