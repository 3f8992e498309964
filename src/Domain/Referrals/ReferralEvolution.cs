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
            DecisionDrafted e => next with { Status = ReferralStatus.AwaitingSignature, DraftVersion = e.DraftVersion, Draft = e.Draft, DraftedAt = e.At },
            DecisionReturned e => next with { Status = DraftingStatus(state.Draft), DraftingSince = e.At },
            DecisionSigned e => Signed(next, e),
            DecisionBecameFinal e => next with { DecisionFinalOn = e.On },
            DecisionNotified e => next with { Notification = new(e.Method, e.SentOn, e.DeemedOn, e.ReviewPeriodEndsOn) },
            RequestForReviewReceived e => next with { RequestForReview = new(e.ReceivedOn, e.Requester, e.InTime) },
            RequestForReviewDecided e => next with { RequestForReview = state.RequestForReview! with { Outcome = e.Outcome, DecidedOn = e.DecidedOn } },
            ServiceStarted e => next with { Status = ReferralStatus.ServiceActive, ServiceStartedOn = e.On, Provider = e.Provider },
            ClientPlanRecorded e => next with { ClientPlanOn = e.On, ClientPlanEsyMonth = e.EsyRemeasurementMonth ?? state.ClientPlanEsyMonth },
            InterimEvaluationRecorded e => next with { InterimEvaluations = state.InterimEvaluations.Add(e.On) },
            ProviderReportRecorded e => next with { ProviderReports = state.ProviderReports.Add(e.On) },
            AttachmentAdded e when !state.HasEnded => next with { Attachments = state.Attachments.Add(e.AttachmentId) },
            EsyMeasured e => next with { EsyMeasurements = state.EsyMeasurements.Add(new EsyMeasurement(e.On, e.Scores)) },
            ServiceClosed e => next with { Status = ReferralStatus.Closed, ClosedOn = e.On, FeedbackCollected = e.FeedbackCollected, EndReason = e.Summary },
            ReminderRaised e => next with { RemindersRaised = state.RemindersRaised.Add(new RaisedReminder(e.Kind, e.DueAt)) },
            _ => next,
        };
    }

    private static bool Fits(ReferralState state, ReferralEvent @event) => @event switch
    {
        ReferralSubmitted => state.Status == ReferralStatus.None,
        _ when state.Status == ReferralStatus.None => false,
        ReminderRaised or DecisionBecameFinal => true,
        // What follows a signed decision goes on after a refusal has ended the referral.
        DecisionNotified => state.Decision is not null && state.Notification is null,
        RequestForReviewReceived => state.Decision is not null && state.RequestForReview is null,
        RequestForReviewDecided => state.RequestForReview is { Outcome: null },
        _ when state.HasEnded => false,
        DecisionDrafted or DecisionReturned => state.Decision is null,
        DecisionSigned => state.Decision is null && state.Draft is not null,
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
            SubmittedAt = e.At,
            QueuedForReviewAt = e.At,
            ReviewRounds = reviewed ? 1 : 0,
            DraftingSince = reviewed ? null : e.At,
        };
    }

    private static ReferralState Signed(ReferralState next, DecisionSigned e)
    {
        var draft = next.Draft!;
        var granting = draft.Kind == DecisionKind.Granting;
        return next with
        {
            Decision = new SignedDecision(e.DraftVersion, draft, e.DocumentSha256, e.SignedOn, e.NotifiedOn,
                DecisionSigned.Signature(e.By?.UserId ?? "", e.SignerName, e.SignerTitle))
            {
                SignerName = e.SignerName,
                SignerTitle = e.SignerTitle,
            },
            Status = granting ? ReferralStatus.AwaitingServiceStart : ReferralStatus.Refused,
            EndReason = granting ? next.EndReason : draft.Reasons,
        };
    }

    /// <summary>A returned draft goes back to the step that matches its kind.</summary>
    private static ReferralStatus DraftingStatus(DecisionDraft? draft) =>
        draft?.Kind == DecisionKind.Refusing ? ReferralStatus.AwaitingRefusingDraft : ReferralStatus.AwaitingGrantingDraft;
}
