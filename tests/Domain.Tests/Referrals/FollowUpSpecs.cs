using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

public class FollowUpSpecs
{
    private static readonly DateTimeOffset Later = History.Day(60);

    [Fact]
    public void The_service_starts_on_or_after_the_decision_date()
    {
        var spec = Spec.Given(History.AwaitingServiceStart).When(Start(History.SignedOn), Later);
        spec.Then(new ServiceStarted(History.SignedOn, "Palveluntuottaja Oy"));
        var state = spec.ThenState();
        Assert.Equal((ReferralStatus.ServiceActive, History.SignedOn), (state.Status, state.ServiceStartedOn));
        Spec.Given(History.AwaitingServiceStart).When(Start(History.SignedOn.AddDays(-1)), Later).ThenRejected(RejectionCode.DateOutOfOrder, "StartedOn");
    }

    [Fact]
    public void What_is_recorded_has_happened()
    {
        var tomorrow = FinnishCalendar.DateIn(Later).AddDays(1);
        Spec.Given(History.AwaitingServiceStart).When(Start(tomorrow), Later).ThenRejected(RejectionCode.DateInFuture, "StartedOn");
        Spec.Given(History.ServiceActive).When(ClientPlan(tomorrow), Later).ThenRejected(RejectionCode.DateInFuture, "AgreedOn");
        Spec.Given(History.ServiceActive).When(Close(tomorrow), Later).ThenRejected(RejectionCode.DateInFuture, "EndedOn");
    }

    [Fact]
    public void Plan_evaluations_reports_and_measurements_are_recorded_while_the_service_runs()
    {
        var day = History.ServiceStart.AddDays(10);
        Spec.Given(History.ServiceActive).When(ClientPlan(day), Later).Then(new ClientPlanRecorded(day));
        Spec.Given(History.ServiceActive).When(Interim(day), Later).Then(new InterimEvaluationRecorded(day, "Edistynyt."));
        Spec.Given(History.ServiceActive).When(Report(day), Later).Then(new ProviderReportRecorded(day, "Osallistunut."));
        Spec.Given(History.ServiceActive).When(Measure(day), Later).Then(new EsyMeasured(day, Scores(6)));
    }

    [Fact]
    public void Nothing_is_dated_before_the_service_start()
    {
        var before = History.ServiceStart.AddDays(-1);
        Spec.Given(History.ServiceActive).When(ClientPlan(before), Later).ThenRejected(RejectionCode.DateOutOfOrder, "AgreedOn");
        Spec.Given(History.ServiceActive).When(Interim(before), Later).ThenRejected(RejectionCode.DateOutOfOrder, "HeldOn");
        Spec.Given(History.ServiceActive).When(Report(before), Later).ThenRejected(RejectionCode.DateOutOfOrder, "ReceivedOn");
        Spec.Given(History.ServiceActive).When(Measure(before), Later).ThenRejected(RejectionCode.DateOutOfOrder, "MeasuredOn");
        Spec.Given(History.ServiceActive).When(Close(before), Later).ThenRejected(RejectionCode.DateOutOfOrder, "EndedOn");
    }

    [Fact]
    public void An_ESY_measurement_must_fit_the_instrument()
    {
        var day = History.ServiceStart.AddDays(10);
        Spec.Given(History.ServiceActive).When(Measure(day, scores: Scores(0)), Later).ThenRejected(RejectionCode.InstrumentScoreOutOfRange, "housing");
        Spec.Given(History.ServiceActive).When(Measure(day) with { Scores = null! }, Later).ThenRejected(RejectionCode.InvalidInput, "Scores");
    }

    [Fact]
    public void Texts_are_required()
    {
        var day = History.ServiceStart.AddDays(10);
        Spec.Given(History.ServiceActive).When(Interim(day) with { Notes = "" }, Later).ThenRejected(RejectionCode.InvalidInput, "Notes");
        Spec.Given(History.ServiceActive).When(Report(day) with { Summary = null! }, Later).ThenRejected(RejectionCode.InvalidInput, "Summary");
        Spec.Given(History.ServiceActive).When(Close(day) with { Summary = " " }, Later).ThenRejected(RejectionCode.InvalidInput, "Summary");
    }

    [Fact]
    public void The_service_closes_with_a_summary_and_whether_feedback_was_collected()
    {
        var day = History.ServiceStart.AddDays(20);
        var spec = Spec.Given(History.ServiceActive).When(Close(day), Later);
        spec.Then(new ServiceClosed(day, "Yhteenveto.", true));
        var state = spec.ThenState();
        Assert.Equal((ReferralStatus.Closed, day, true), (state.Status, state.ClosedOn, state.FeedbackCollected));
        Spec.Given([.. History.ServiceActive, .. spec.Then(new ServiceClosed(day, "Yhteenveto.", true))])
            .When(Interim(day), Later).ThenRejected(RejectionCode.ReferralEnded);
    }

    [Fact]
    public void A_granted_service_that_never_started_closes_from_the_decision_date()
    {
        Assert.Equal(ReferralStatus.Closed, Spec.Given(History.AwaitingServiceStart).When(Close(History.SignedOn), Later).ThenState().Status);
        Spec.Given(History.AwaitingServiceStart).When(Close(History.SignedOn.AddDays(-1)), Later).ThenRejected(RejectionCode.DateOutOfOrder);
    }

    [Fact]
    public void Follow_up_is_for_the_referring_units_workers() =>
        Spec.Given(History.ServiceActive).When(ClientPlan(History.ServiceStart, Actors.OtherUnitWorker), Later).ThenRejected(RejectionCode.NotPermitted);
}

/// <summary>A service granted until further notice (toistaiseksi): the ESY re-measurement month is agreed in
/// the client plan, not in the decision, and the ESY reminders follow from the plan.</summary>
public class UntilFurtherNoticeFollowUpSpecs
{
    private static readonly DecisionDraft OpenEnded = History.GrantingDraft with
    {
        ServiceTypeCode = "sr-group-activity", End = null, EsyRemeasurementMonth = null, UntilFurtherNotice = true,
    };

    private static readonly ReferralEvent[] OpenEndedActive =
    [
        History.Submitted(Process.Espoo, ""),
        History.Stamp(new DecisionDrafted(1, OpenEnded), 3, Actors.Worker),
        History.Stamp(new DecisionSigned(1, "hash-1", History.SignedOn), 4, Actors.Signer),
        History.LetterSent,
        History.Stamp(new ServiceStarted(History.ServiceStart, "Palveluntuottaja Oy"), 28, Actors.Worker),
    ];

    private static readonly DateOnly PlanOn = History.ServiceStart.AddDays(10);

    [Fact]
    public void The_client_plan_agrees_the_ESY_month_and_the_ESY_reminders_follow_from_it()
    {
        var spec = Spec.Given(OpenEndedActive).When(Commands.ClientPlan(PlanOn) with { EsyRemeasurementMonth = 9 }, History.Day(40));
        spec.Then(new ClientPlanRecorded(PlanOn) { EsyRemeasurementMonth = 9 });
        var state = spec.ThenState();
        Assert.Equal(9, state.ClientPlanEsyMonth);
        var esy = Process.Decider.Schedule(state).Where(t => t.Kind == TimerKind.EsyWindowOpens).ToList();
        Assert.Equal(History.ServiceStart.AddMonths(9), FinnishCalendar.DateIn(Assert.Single(esy).DueAt));
        // No end, so no reminder that the end approaches.
        Assert.DoesNotContain(Process.Decider.Schedule(state), t => t.Kind == TimerKind.ServiceEndApproaching);
    }

    [Fact]
    public void Before_the_plan_an_open_ended_service_has_no_ESY_reminder()
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, OpenEndedActive);
        Assert.DoesNotContain(Process.Decider.Schedule(state), t => t.Kind is TimerKind.EsyWindowOpens or TimerKind.EsyOverdue);
    }

    [Fact]
    public void The_plan_of_an_open_ended_service_needs_a_month_from_6_to_12_and_a_dated_decision_takes_none()
    {
        Spec.Given(OpenEndedActive).When(Commands.ClientPlan(PlanOn), History.Day(40))
            .ThenRejected(RejectionCode.InvalidInput, "EsyRemeasurementMonth");
        Spec.Given(OpenEndedActive).When(Commands.ClientPlan(PlanOn) with { EsyRemeasurementMonth = 13 }, History.Day(40))
            .ThenRejected(RejectionCode.EsyMonthOutOfRange, "13");
        Spec.Given(History.ServiceActive).When(Commands.ClientPlan(PlanOn) with { EsyRemeasurementMonth = 6 }, History.Day(40))
            .ThenRejected(RejectionCode.InvalidInput, "EsyRemeasurementMonth");
    }
}
