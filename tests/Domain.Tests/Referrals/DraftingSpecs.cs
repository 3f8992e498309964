using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

public class DraftingSpecs
{
    private static readonly ReferralEvent[] EspooDrafting = History.EspooAssessed;
    private static readonly ReferralEvent[] SteppiApproved =
    [
        History.Submitted(Process.Steppi, Process.SteppiTeam),
        History.Stamp(new ReferralApproved("Valittu."), 1, Actors.SteppiTeamMember),
    ];

    [Fact]
    public void After_approval_the_worker_drafts_a_granting_decision_with_the_catalogues_legal_basis()
    {
        var spec = Spec.Given(History.AwaitingGrantingDraft).When(Draft());
        spec.Then(new DecisionDrafted(1, History.GrantingDraft with { Reasons = "Perustelut." }));
        var state = spec.ThenState();
        Assert.Equal((ReferralStatus.AwaitingSignature, 1), (state.Status, state.DraftVersion));
    }

    [Fact]
    public void After_refusal_the_worker_drafts_a_refusing_decision_which_carries_no_dates() =>
        Spec.Given(History.AwaitingRefusingDraft).When(Draft(DecisionKind.Refusing)).Then(
            new DecisionDrafted(1, History.RefusingDraft with { Reasons = "Perustelut." }));

    [Fact]
    public void The_kind_follows_the_review()
    {
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(DecisionKind.Refusing)).ThenRejected(RejectionCode.DecisionKindMismatch, "Granting");
        Spec.Given(History.AwaitingRefusingDraft).When(Draft()).ThenRejected(RejectionCode.DecisionKindMismatch, "Refusing");
    }

    [Fact]
    public void Without_a_review_body_the_worker_chooses_the_kind()
    {
        Assert.IsType<Outcome.Accepted>(Spec.Given(EspooDrafting).When(Draft(service: "sr-everyday-coaching")).Outcome);
        Assert.IsType<Outcome.Accepted>(Spec.Given(EspooDrafting).When(Draft(DecisionKind.Refusing)).Outcome);
    }

    [Fact]
    public void The_granted_service_may_differ_from_the_requested_but_must_be_offered()
    {
        var drafted = Spec.Given(History.AwaitingGrantingDraft).When(Draft(service: "rehabilitative-work-activity")).Then(
            new DecisionDrafted(1, History.GrantingDraft with
            {
                Reasons = "Perustelut.", ServiceTypeCode = "rehabilitative-work-activity", LegalBasisCode = "L189-2001",
            }));
        Assert.Single(drafted);
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(service: "made-up")).ThenRejected(RejectionCode.UnknownServiceType, "made-up");
        Spec.Given(SteppiApproved).When(Draft(service: "work-activity", end: new DateOnly(2026, 6, 1))).ThenRejected(RejectionCode.UnknownServiceType);
    }

    [Fact]
    public void A_granting_decision_needs_start_end_and_an_ESY_month_from_6_to_12()
    {
        Spec.Given(History.AwaitingGrantingDraft).When(Draft() with { Start = null }).ThenRejected(RejectionCode.InvalidInput, "Start");
        Spec.Given(History.AwaitingGrantingDraft).When(Draft() with { End = null }).ThenRejected(RejectionCode.InvalidInput, "End");
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(end: new DateOnly(2026, 3, 1))).ThenRejected(RejectionCode.DateOutOfOrder, "End");
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(esyMonth: null)).ThenRejected(RejectionCode.InvalidInput, "EsyRemeasurementMonth");
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(esyMonth: 5)).ThenRejected(RejectionCode.EsyMonthOutOfRange);
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(esyMonth: 13)).ThenRejected(RejectionCode.EsyMonthOutOfRange);
        // No edge range of its own: the domain's rule is the one answer, also for a number no one would type.
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(esyMonth: int.MaxValue)).ThenRejected(RejectionCode.EsyMonthOutOfRange);
        Assert.IsType<Outcome.Accepted>(Spec.Given(History.AwaitingGrantingDraft).When(Draft(esyMonth: 12)).Outcome);
    }

    [Theory]
    [InlineData("2026-03-01", "2026-05-31", true)]   // exactly 3 months
    [InlineData("2026-03-01", "2026-05-30", false)]  // a day short
    [InlineData("2026-03-01", "2026-08-31", true)]   // exactly 6 months
    [InlineData("2026-03-01", "2026-09-01", false)]  // a day over
    [InlineData("2026-01-31", "2026-04-30", true)]   // 31 Jan + 3 months = 30 April, the day after the end
    public void Steppi_lasts_3_to_6_months(string start, string end, bool accepted)
    {
        var spec = Spec.Given(SteppiApproved).When(Draft(start: DateOnly.Parse(start), end: DateOnly.Parse(end)));
        if (accepted) Assert.IsType<Outcome.Accepted>(spec.Outcome);
        else spec.ThenRejected(RejectionCode.DurationOutOfRange, "3-6");
    }

    [Fact]
    public void Each_draft_after_a_return_is_a_new_version()
    {
        ReferralEvent[] returned =
        [
            .. History.AwaitingSignature,
            History.Stamp(new DecisionReturned(1, "Korjaa."), 4, Actors.Signer),
        ];
        Assert.Equal(ReferralStatus.AwaitingGrantingDraft, ReferralDecider.Replay("r", returned).Status);
        var spec = Spec.Given(returned).When(Draft());
        spec.Then(new DecisionDrafted(2, History.GrantingDraft with { Reasons = "Perustelut." }));
        Assert.Equal(2, spec.ThenState().DraftVersion);
    }

    [Fact]
    public void A_draft_waiting_for_the_signer_must_be_returned_before_a_new_one() =>
        Spec.Given(History.AwaitingSignature).When(Draft()).ThenRejected(RejectionCode.InvalidState, "AwaitingSignature");

    [Fact]
    public void Drafting_is_for_the_referring_units_workers_and_needs_a_contact_person()
    {
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(by: Actors.OtherUnitWorker)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(by: Actors.Signer)).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.AwaitingGrantingDraft).When(Draft() with { ContactPerson = "" }).ThenRejected(RejectionCode.InvalidInput, "ContactPerson");
        Spec.Given(History.AwaitingGrantingDraft).When(Draft() with { Kind = (DecisionKind)7 }).ThenRejected(RejectionCode.InvalidInput, "Kind");
    }
}

public class DraftingWhatIsDecidedSpecs
{
    private static readonly ReferralEvent[] EspooDrafting = History.EspooAssessed;

    [Fact]
    public void The_preparer_is_recorded_by_name_and_title_beside_the_user_id_with_exactly_what_is_granted()
    {
        var command = Draft() with
        {
            PreparerName = " Anna Berg ", PreparerTitle = "sosiaalityöntekijä", Form = ServiceForm.Group, Content = "Ryhmä",
            Extent = "kerran viikossa", Provider = "Kuntoutus Oy", ProviderKind = ProviderKind.Purchased,
        };
        Spec.Given(History.AwaitingGrantingDraft).When(command).Then(new DecisionDrafted(1, History.GrantingDraft with
        {
            Reasons = "Perustelut.", PreparerName = "Anna Berg", PreparerTitle = "sosiaalityöntekijä", Form = ServiceForm.Group,
            Content = "Ryhmä", Extent = "kerran viikossa", Provider = "Kuntoutus Oy", ProviderKind = ProviderKind.Purchased,
        }));
    }

    [Fact]
    public void A_refusal_records_the_preparer_but_nothing_of_what_a_grant_would_give()
    {
        var command = Draft(DecisionKind.Refusing) with { PreparerName = "Anna Berg", Provider = "Kuntoutus Oy", Extent = "x" };
        Spec.Given(History.AwaitingRefusingDraft).When(command).Then(
            new DecisionDrafted(1, History.RefusingDraft with { Reasons = "Perustelut.", PreparerName = "Anna Berg" }));
    }

    [Fact]
    public void A_preparer_field_holding_an_identity_code_is_refused() =>
        Spec.Given(History.AwaitingGrantingDraft).When(Draft() with { Content = "Asiakas 010594Y9021" })
            .ThenRejected(RejectionCode.PersonalIdentityCodeNotAllowed);

    [Fact]
    public void Where_the_profile_allows_a_service_is_granted_until_further_notice_without_an_end_or_ESY_month()
    {
        var spec = Spec.Given(EspooDrafting).When(Draft(service: "sr-group-activity", end: null, esyMonth: null) with { End = null, UntilFurtherNotice = true });
        var accepted = Assert.IsType<Outcome.Accepted>(spec.Outcome);
        var drafted = Assert.IsType<DecisionDrafted>(Assert.Single(accepted.Events));
        Assert.True(drafted.Draft.UntilFurtherNotice);
        Assert.Null(drafted.Draft.End);
        Assert.Null(drafted.Draft.EsyRemeasurementMonth);
    }

    [Fact]
    public void Until_further_notice_takes_no_end_and_no_ESY_month_and_only_where_the_profile_allows()
    {
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(esyMonth: null) with { End = null, UntilFurtherNotice = true })
            .ThenRejected(RejectionCode.UntilFurtherNoticeNotAllowed, Process.SteeringGroup);
        Spec.Given(EspooDrafting).When(Draft(service: "sr-group-activity", esyMonth: null) with { UntilFurtherNotice = true })
            .ThenRejected(RejectionCode.InvalidInput, "End");
        Spec.Given(EspooDrafting).When(Draft(service: "sr-group-activity") with { End = null, UntilFurtherNotice = true })
            .ThenRejected(RejectionCode.InvalidInput, "EsyRemeasurementMonth");
    }
}
