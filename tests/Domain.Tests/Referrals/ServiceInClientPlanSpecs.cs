using System.Collections.Immutable;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>Helsinki: the service written into the client plan, no separate § 17 decision; the decision path stays open.</summary>
public class ServiceInClientPlanSpecs
{
    private static readonly Actor HelsinkiWorker = Actors.HelsinkiWorker;
    private static readonly DateOnly AgreedOn = new(2026, 2, 16);
    private static readonly DateOnly Start = new(2026, 3, 2);

    internal static readonly ReferralEvent[] Submitted = History.HelsinkiSubmitted;

    [Fact]
    public void The_case_owner_writes_the_service_into_the_client_plan_and_it_waits_for_its_start()
    {
        var spec = Spec.Given(Submitted).When(ServiceInPlan(AgreedOn, Start, new DateOnly(2026, 12, 31), esyMonth: 6, by: HelsinkiWorker), History.Day(14));
        spec.Then(new ServiceRecordedInClientPlan(AgreedOn, "sr-group-activity", Start, new DateOnly(2026, 12, 31), 6, "Ryhmätoimintaa kerran viikossa."));
        var state = spec.ThenState();
        Assert.Equal((ReferralStatus.AwaitingServiceStart, AgreedOn, 6), (state.Status, state.ClientPlanOn, state.ClientPlanEsyMonth));
        Assert.Null(state.Decision);
        Assert.Empty(Process.Decider.Schedule(state));
    }

    [Fact]
    public void The_follow_up_runs_from_the_plan_no_client_plan_reminder_and_the_plans_end_and_ESY_month()
    {
        ReferralEvent[] running = [.. Submitted,
            History.Stamp(new ServiceRecordedInClientPlan(AgreedOn, "sr-group-activity", Start, new DateOnly(2026, 12, 31), 6, "c"), 14, HelsinkiWorker),
            History.Stamp(new ServiceStarted(Start, null), 28, HelsinkiWorker)];
        var kinds = Process.Decider.Schedule(ReferralDecider.Replay(Spec.ReferralId, running)).Select(t => t.Kind).ToList();
        Assert.DoesNotContain(TimerKind.ClientPlanDue, kinds);
        Assert.Contains(TimerKind.EsyWindowOpens, kinds);
        Assert.Contains(TimerKind.ServiceEndApproaching, kinds);
        Assert.Contains(TimerKind.InterimEvaluationDue, kinds);
        Assert.DoesNotContain(TimerKind.NotificationDue, kinds);
    }

    [Fact]
    public void A_profile_that_decides_by_decision_refuses_the_plan_path_with_a_reason()
    {
        var rejection = Spec.Given(History.AwaitingGrantingDraft).When(ServiceInPlan(new DateOnly(2026, 2, 4), History.ServiceStart))
            .ThenRejected(RejectionCode.ClientPlanPathNotAvailable, Process.SteeringGroup);
        Assert.Contains("päätös", rejection.Message("fi"), StringComparison.Ordinal);
        Assert.Contains("klientplanen", rejection.Message("sv"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_decision_path_stays_open_until_the_plan_records_the_service_and_a_drafted_decision_closes_the_plan_path()
    {
        // A client who applies for the service is owed an appealable decision: the case owner drafts one instead.
        var drafted = Spec.Given(Submitted).When(Draft(by: HelsinkiWorker, service: "sr-group-activity"), History.Day(14)).ThenState();
        Assert.Equal(ReferralStatus.AwaitingSignature, drafted.Status);
        ReferralEvent[] planned = [.. Submitted,
            History.Stamp(new ServiceRecordedInClientPlan(AgreedOn, "sr-group-activity", Start, null, null, "c"), 14, HelsinkiWorker)];
        Spec.Given(planned).When(Draft(by: HelsinkiWorker)).ThenRejected(RejectionCode.InvalidState);
        Spec.Given(planned).When(ServiceInPlan(AgreedOn, Start, by: HelsinkiWorker)).ThenRejected(RejectionCode.InvalidState);
    }

    [Fact]
    public void Dates_in_order_a_service_the_profile_offers_and_the_ESY_month_in_its_window()
    {
        var at = History.Day(14);
        Spec.Given(Submitted).When(ServiceInPlan(AgreedOn.AddDays(1), Start, by: HelsinkiWorker), at).ThenRejected(RejectionCode.DateInFuture, "AgreedOn");
        Spec.Given(Submitted).When(ServiceInPlan(AgreedOn, AgreedOn.AddDays(-1), by: HelsinkiWorker), at).ThenRejected(RejectionCode.DateOutOfOrder, "Start");
        Spec.Given(Submitted).When(ServiceInPlan(AgreedOn, Start, Start.AddDays(-1), by: HelsinkiWorker), at).ThenRejected(RejectionCode.DateOutOfOrder, "End");
        Spec.Given(Submitted).When(ServiceInPlan(AgreedOn, Start, service: "work-activity", by: HelsinkiWorker), at).ThenRejected(RejectionCode.UnknownServiceType, "work-activity");
        Spec.Given(Submitted).When(ServiceInPlan(AgreedOn, Start, esyMonth: 3, by: HelsinkiWorker), at).ThenRejected(RejectionCode.EsyMonthOutOfRange, "3");
        Spec.Given(Submitted).When(ServiceInPlan(AgreedOn, Start, by: HelsinkiWorker) with { Content = "" }, at).ThenRejected(RejectionCode.InvalidInput, "Content");
        Spec.Given(Submitted).When(ServiceInPlan(AgreedOn, Start, by: Actors.Worker), at).ThenRejected(RejectionCode.NotPermitted);
    }
}
