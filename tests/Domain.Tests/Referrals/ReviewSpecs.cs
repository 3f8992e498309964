using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

public class ReviewSpecs
{
    private static readonly ReferralEvent[] SteppiQueued = [History.Submitted(Process.Steppi, Process.SteppiTeam)];

    [Fact]
    public void The_steering_group_approves_and_the_worker_drafts_a_granting_decision()
    {
        var spec = Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.Approve));
        spec.Then(new ReferralApproved("Linjaus perusteluineen."));
        Assert.Equal(ReferralStatus.AwaitingGrantingDraft, spec.ThenState().Status);
    }

    [Fact]
    public void The_steering_group_refuses_and_the_worker_drafts_a_refusing_decision()
    {
        var spec = Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.Refuse));
        spec.Then(new ReferralRefused("Linjaus perusteluineen."));
        Assert.Equal(ReferralStatus.AwaitingRefusingDraft, spec.ThenState().Status);
    }

    [Fact]
    public void A_request_for_information_is_due_in_the_profiles_working_days()
    {
        // Wednesday 4 February 2026 + 10 working days = Wednesday 18 February.
        var spec = Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.RequestInformation), History.Day(2));
        spec.Then(new InformationRequested("Linjaus perusteluineen.", new DateOnly(2026, 2, 18)));
        Assert.Equal(ReferralStatus.AwaitingInformation, spec.ThenState().Status);
    }

    [Fact]
    public void The_worker_supplements_and_the_referral_is_reviewed_again_any_number_of_rounds()
    {
        var events = History.AwaitingReview.ToList();
        var now = History.Day(1);
        for (var round = 1; round <= 3; round++)
        {
            events.AddRange(Spec.Given(events).When(Review(ReviewOutcome.RequestInformation), now = now.AddDays(1)).Then(
                new InformationRequested("Linjaus perusteluineen.", FinnishCalendar.AddWorkingDays(FinnishCalendar.DateIn(now), 10))));
            events.AddRange(Spec.Given(events).When(Supplement(), now = now.AddDays(1)).Then(new InformationSupplemented("Lisätiedot.")));
            var state = ReferralDecider.Replay("r", events);
            Assert.Equal(ReferralStatus.AwaitingReview, state.Status);
            Assert.Equal(round + 1, state.ReviewRounds);
            Assert.Equal(now, state.QueuedForReviewAt);
            Assert.Null(state.InformationDueOn);
        }
        Spec.Given(events).When(Review(ReviewOutcome.Approve)).Then(new ReferralApproved("Linjaus perusteluineen."));
    }

    [Fact]
    public void A_redirect_names_where_and_leaves_the_requested_service_to_a_refusing_decision()
    {
        Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.Redirect)).ThenRejected(RejectionCode.InvalidInput, "RedirectTo");
        var spec = Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.Redirect, redirectTo: "Päihdepalvelut"));
        spec.Then(new ReferralRedirectedForRefusal("Päihdepalvelut", "Linjaus perusteluineen."));
        var state = spec.ThenState();
        Assert.Equal(ReferralStatus.AwaitingRefusingDraft, state.Status);
        Assert.False(state.HasEnded);
        Assert.Equal("Päihdepalvelut", state.RedirectedTo);
        Assert.NotNull(state.DraftingSince);
    }

    [Fact]
    public void After_a_redirect_the_refusing_draft_carries_the_guidance_to_the_other_service()
    {
        ReferralEvent[] redirected = [.. History.AwaitingReview,
            History.Stamp(new ReferralRedirectedForRefusal("Päihdepalvelut", "Sopii paremmin."), 2, Actors.SteeringGroupMember)];
        Spec.Given(redirected).When(Draft()).ThenRejected(RejectionCode.DecisionKindMismatch, "Refusing");
        Spec.Given(redirected).When(Draft(DecisionKind.Refusing)).Then(
            new DecisionDrafted(1, History.RefusingDraft with { Reasons = "Perustelut.", RedirectedTo = "Päihdepalvelut" }));
    }

    [Fact]
    public void After_a_redirect_the_worker_records_that_the_client_withdrew_and_no_decision_follows()
    {
        ReferralEvent[] redirected = [.. History.AwaitingReview,
            History.Stamp(new ReferralRedirectedForRefusal("Päihdepalvelut", "Sopii paremmin."), 2, Actors.SteeringGroupMember)];
        var spec = Spec.Given(redirected).When(Withdraw());
        spec.Then(new ReferralWithdrawn("Asiakas ei tarvitse palvelua."));
        var state = spec.ThenState();
        Assert.Equal(ReferralStatus.Withdrawn, state.Status);
        Assert.True(state.IsSettled);
        Assert.Null(state.Decision);
    }

    [Fact]
    public void A_redirect_recorded_before_it_led_to_a_decision_still_ends_the_referral_on_replay()
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, History.Redirected);
        Assert.Equal(ReferralStatus.Redirected, state.Status);
        Assert.True(state.HasEnded);
        Assert.Equal("Kuntouttava työtoiminta", state.RedirectedTo);
    }

    [Fact]
    public void The_Steppi_team_passes_the_case_to_the_steering_group_which_then_reviews_it()
    {
        var spec = Spec.Given(SteppiQueued).When(Review(ReviewOutcome.TransferToSteeringGroup, Actors.SteppiTeamMember));
        var transferred = spec.Then(new ReferralTransferred(Process.SteeringGroup, "Linjaus perusteluineen.") { ToProfileId = Process.SteeringGroup });
        var state = spec.ThenState();
        Assert.Equal((ReferralStatus.AwaitingReview, Process.SteeringGroup, 2), (state.Status, state.ReviewBodyId, state.ReviewRounds));
        // The referral now runs under the profile the steering group runs.
        Assert.Equal(Process.SteeringGroup, state.ProfileId);

        ReferralEvent[] after = [.. SteppiQueued, .. transferred];
        Spec.Given(after).When(Review(ReviewOutcome.Approve, Actors.SteppiTeamMember)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(after).When(Review(ReviewOutcome.TransferToSteeringGroup)).ThenRejected(RejectionCode.TransferNotAvailable);
        Spec.Given(after).When(Review(ReviewOutcome.Approve)).Then(new ReferralApproved("Linjaus perusteluineen."));
    }

    [Fact]
    public void The_steering_group_profile_has_nowhere_to_transfer() =>
        Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.TransferToSteeringGroup)).ThenRejected(RejectionCode.TransferNotAvailable);

    [Fact]
    public void Only_members_of_the_body_holding_the_referral_review()
    {
        Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.Approve, Actors.SteppiTeamMember)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(SteppiQueued).When(Review(ReviewOutcome.Approve, Actors.SteeringGroupMember)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.Approve, Actors.Worker)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void Nobody_reviews_an_Espoo_referral()
    {
        ReferralEvent[] espoo = [History.Submitted(Process.Espoo, "")];
        Spec.Given(espoo).When(Review(ReviewOutcome.Approve, Actors.SteeringGroupMember with { Unit = "" }))
            .ThenRejected(RejectionCode.InvalidInput, "By.Unit");
        Spec.Given(espoo).When(Review(ReviewOutcome.Approve)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void A_review_needs_reasons_and_a_known_outcome()
    {
        Spec.Given(History.AwaitingReview).When(Review(ReviewOutcome.Approve) with { Reasons = " " }).ThenRejected(RejectionCode.InvalidInput, "Reasons");
        Spec.Given(History.AwaitingReview).When(Review((ReviewOutcome)99)).ThenRejected(RejectionCode.InvalidInput, "Outcome");
    }

    [Fact]
    public void Supplementing_is_for_the_referring_units_workers() =>
        Spec.Given(History.AwaitingInformation).When(Supplement(Actors.OtherUnitWorker)).ThenRejected(RejectionCode.NotPermitted);

    [Fact]
    public void The_worker_withdraws_before_the_decision_is_signed()
    {
        foreach (var before in new[] { History.AwaitingReview, History.AwaitingInformation, History.AwaitingRefusingDraft, History.AwaitingSignature })
        {
            var spec = Spec.Given(before).When(Withdraw());
            spec.Then(new ReferralWithdrawn("Asiakas ei tarvitse palvelua."));
            Assert.Equal(ReferralStatus.Withdrawn, spec.ThenState().Status);
        }
        Spec.Given(History.AwaitingServiceStart).When(Withdraw()).ThenRejected(RejectionCode.DecisionAlreadySigned);
        Spec.Given(History.AwaitingReview).When(Withdraw() with { Reason = "" }).ThenRejected(RejectionCode.InvalidInput, "Reason");
    }
}
