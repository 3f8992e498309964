using System.Collections.Immutable;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

public class SubmissionSpecs
{
    [Fact]
    public void A_worker_submits_and_the_referral_queues_for_the_steering_group()
    {
        var spec = Spec.Given().When(Submit());
        spec.Then(new ReferralSubmitted(Process.SteeringGroup, Process.SteeringGroup, "client-1", new DateOnly(1990, 5, 5),
            "sr-everyday-coaching", "Asiakas tarvitsee tukea arjen hallintaan.", ImmutableList.Create("Päivärytmi"),
            History.RequestedStart, null) { ConfigurationVersion = global::Referrals.Domain.Profiles.DefaultProcessConfiguration.Version });
        var state = spec.ThenState();
        Assert.Equal(ReferralStatus.AwaitingReview, state.Status);
        Assert.Equal(Actors.Unit, state.Unit);
        Assert.Equal(Actors.Worker.UserId, state.CaseOwner);
        Assert.Equal(Process.SteeringGroup, state.ReviewBodyId);
        Assert.Equal(1, state.ReviewRounds);
        Assert.Equal(History.T0, state.QueuedForReviewAt);
    }

    [Fact]
    public void In_Espoo_there_is_no_review_body_and_the_worker_goes_on_to_drafting()
    {
        var state = Spec.Given().When(Submit(Process.Espoo, service: "sr-group-activity")).ThenState();
        Assert.Equal(ReferralStatus.AwaitingGrantingDraft, state.Status);
        Assert.Equal("", state.ReviewBodyId);
        Assert.Equal(History.T0, state.DraftingSince);
    }

    [Fact]
    public void Steppi_referrals_queue_for_the_Steppi_team() =>
        Assert.Equal(Process.SteppiTeam, Spec.Given().When(Submit(Process.Steppi)).ThenState().ReviewBodyId);

    [Fact]
    public void Only_a_referring_worker_submits()
    {
        Spec.Given().When(Submit(by: Actors.Signer)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given().When(Submit(by: Actors.SteeringGroupMember)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given().When(Submit(by: Actors.System)).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void A_second_submission_is_rejected() =>
        Spec.Given(History.AwaitingReview).When(Submit()).ThenRejected(RejectionCode.AlreadySubmitted);

    [Fact]
    public void An_unknown_profile_is_rejected() =>
        Spec.Given().When(Submit("tampere")).ThenRejected(RejectionCode.UnknownProfile, "tampere");

    [Theory]
    [InlineData(Process.SteeringGroup, "sr-nonexistent")]
    [InlineData(Process.Steppi, "rehabilitative-work-activity")]
    [InlineData(Process.Espoo, "work-activity")]
    public void A_service_outside_the_catalogue_or_the_profile_is_rejected(string profile, string service) =>
        Spec.Given().When(Submit(profile, service: service)).ThenRejected(RejectionCode.UnknownServiceType, service);

    [Theory]
    [InlineData("2008-03-03", true)]   // 18 on the requested start day
    [InlineData("2008-03-04", false)]  // 18 the day after
    [InlineData("1961-03-03", false)]  // 65 on the day
    [InlineData("1961-03-04", true)]   // still 64
    public void Steppi_takes_clients_aged_18_to_64_at_the_requested_start(string birth, bool accepted)
    {
        var spec = Spec.Given().When(Submit(Process.Steppi, birth: DateOnly.Parse(birth), requestedStart: new DateOnly(2026, 3, 3)));
        if (accepted) Assert.IsType<Outcome.Accepted>(spec.Outcome);
        else spec.ThenRejected(RejectionCode.AgeOutOfRange);
    }

    [Fact]
    public void The_steering_group_has_no_age_limit() =>
        Assert.IsType<Outcome.Accepted>(Spec.Given().When(Submit(birth: new DateOnly(1940, 1, 1))).Outcome);

    [Fact]
    public void An_ESY_baseline_must_fit_the_instrument()
    {
        Assert.IsType<Outcome.Accepted>(Spec.Given().When(Submit(baseline: Scores(3))).Outcome);
        Spec.Given().When(Submit(baseline: Scores(11))).ThenRejected(RejectionCode.InstrumentScoreOutOfRange, "housing");
        Spec.Given().When(Submit(baseline: EsyScores.Of([KeyValuePair.Create("housing", 3)]))).ThenRejected(RejectionCode.InstrumentAreaMissing, "livelihood");
        Spec.Given().When(Submit(baseline: new EsyScores(null!))).ThenRejected(RejectionCode.InvalidEsyScores);
    }

    [Fact]
    public void Goals_and_summary_are_required()
    {
        Spec.Given().When(Submit() with { Goals = [] }).ThenRejected(RejectionCode.InvalidInput, "Goals");
        Spec.Given().When(Submit() with { Goals = null! }).ThenRejected(RejectionCode.InvalidInput, "Goals");
        Spec.Given().When(Submit() with { Goals = ["ok", " "] }).ThenRejected(RejectionCode.InvalidInput, "Goals[1]");
        Spec.Given().When(Submit() with { AssessmentSummary = "" }).ThenRejected(RejectionCode.InvalidInput, "AssessmentSummary");
        Spec.Given().When(Submit() with { AssessmentSummary = new string('x', 10_001) })
            .ThenRejected(RejectionCode.InvalidInput, "AssessmentSummary: longer than 10000");
    }

    [Fact]
    public void Missing_fields_and_actors_are_named()
    {
        Spec.Given().When(Submit() with { ClientId = null! }).ThenRejected(RejectionCode.InvalidInput, "ClientId");
        Spec.Given().When(Submit() with { ProfileId = "" }).ThenRejected(RejectionCode.InvalidInput, "ProfileId");
        Spec.Given().When(Submit() with { By = null! }).ThenRejected(RejectionCode.InvalidInput, "By");
        Spec.Given().When(Submit() with { By = Actors.Worker with { Unit = "" } }).ThenRejected(RejectionCode.InvalidInput, "By.Unit");
        Spec.Given().When(Submit() with { ClientBirthDate = new DateOnly(2026, 4, 1) }).ThenRejected(RejectionCode.InvalidInput, "ClientBirthDate");
        Spec.Given().When(Submit() with { RequestedStart = DateOnly.MaxValue }).ThenRejected(RejectionCode.InvalidInput, "RequestedStart");
        Assert.Equal(RejectionCode.InvalidInput,
            Assert.IsType<Outcome.Rejected>(Process.Decider.Decide(ReferralState.Initial, null!, History.T0)).Rejection.Code);
        Assert.Equal(RejectionCode.InvalidInput,
            Assert.IsType<Outcome.Rejected>(Process.Decider.Decide(ReferralState.Initial, Submit(), DateTimeOffset.MaxValue)).Rejection.Code);
    }

    /// <summary>henkilötunnus never enters events: not as the client id, not typed into free text.</summary>
    [Theory]
    [InlineData("010190-123A")]
    [InlineData("010101A123N")]
    [InlineData("Asiakas 131052-308T tarvitsee tukea")]
    public void A_personal_identity_code_is_refused_wherever_it_is_typed(string text)
    {
        Spec.Given().When(Submit() with { AssessmentSummary = text }).ThenRejected(RejectionCode.PersonalIdentityCodeNotAllowed, "AssessmentSummary");
        Spec.Given().When(Submit() with { ClientId = text.Length == 11 ? text : "x" , Goals = [text] })
            .ThenRejected(RejectionCode.PersonalIdentityCodeNotAllowed);
    }

    [Theory]
    [InlineData("client-0190-123")]
    [InlineData("Tavoite 2026-2027")]
    public void Ordinary_ids_and_texts_pass(string text) =>
        Assert.IsType<Outcome.Accepted>(Spec.Given().When(Submit() with { ClientId = "c-1", Goals = [text] }).Outcome);
}
