using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>yhteisarvio (Espoo): the case owner and the team's counsellor assess the need together before the decision is drafted.</summary>
public class JointAssessmentSpecs
{
    private static readonly ReferralEvent[] EspooSubmitted = [History.Submitted(Process.Espoo, "")];
    private static DateOnly Day(int day) => global::Referrals.Domain.Calendar.FinnishCalendar.DateIn(History.Day(day));

    [Fact]
    public void Espoos_first_decision_waits_for_the_joint_assessment_and_the_reason_says_so()
    {
        var rejection = Spec.Given(EspooSubmitted).When(Draft(service: "sr-group-activity")).ThenRejected(RejectionCode.JointAssessmentMissing, "espoo-social-rehabilitation");
        Assert.Contains("yhteisarviointi", rejection.Message("fi"), StringComparison.Ordinal);
        Assert.Contains("gemensamma bedömningen", rejection.Message("sv"), StringComparison.Ordinal);
        Assert.IsType<Outcome.Accepted>(Spec.Given(History.EspooAssessed).When(Draft(service: "sr-group-activity")).Outcome);
    }

    [Fact]
    public void The_case_owner_records_the_assessment_with_the_counsellor_by_id_and_the_day_is_in_the_state()
    {
        var spec = Spec.Given(EspooSubmitted).When(JointAssess(Day(0), " counsellor-7 "));
        spec.Then(new JointAssessmentRecorded(Day(0), "counsellor-7", "Ryhmätoiminta sopii asiakkaan tavoitteisiin."));
        Assert.Equal(Day(0), spec.ThenState().JointAssessedOn);
    }

    [Fact]
    public void The_assessment_is_not_in_the_future_nor_before_the_application_and_needs_a_counsellor_and_a_summary()
    {
        Spec.Given(EspooSubmitted).When(JointAssess(Day(400))).ThenRejected(RejectionCode.DateInFuture);
        Spec.Given(EspooSubmitted).When(JointAssess(Day(-3))).ThenRejected(RejectionCode.DateOutOfOrder);
        Spec.Given(EspooSubmitted).When(JointAssess(Day(0), "")).ThenRejected(RejectionCode.InvalidInput);
        Spec.Given(EspooSubmitted).When(JointAssess(Day(0)) with { Summary = " " }).ThenRejected(RejectionCode.InvalidInput);
    }

    [Fact]
    public void Only_the_referring_units_worker_records_it_and_not_once_the_decision_is_drafted()
    {
        Spec.Given(EspooSubmitted).When(JointAssess(Day(0), by: Actors.OtherUnitWorker)).ThenRejected(RejectionCode.NotPermitted);
        ReferralEvent[] drafted = [.. History.EspooAssessed, History.Stamp(new DecisionDrafted(1, History.GrantingDraft), 2, Actors.Worker)];
        Assert.IsType<Outcome.Rejected>(Spec.Given(drafted).When(JointAssess(Day(2))).Outcome);
    }

    [Fact]
    public void A_profile_without_the_step_refuses_it_by_name()
    {
        Spec.Given(History.AwaitingGrantingDraft).When(JointAssess(Day(1))).ThenRejected(RejectionCode.JointAssessmentNotAvailable, Process.SteeringGroup);
    }
}
