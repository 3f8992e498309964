using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>The service provider: the provider unit and own or purchased service recorded at the start, the provider's
/// reports and rehabilitation plan, and who may record them.</summary>
public class ServiceProvisionSpecs
{
    private static readonly DateTimeOffset Later = History.Day(60);
    private static readonly DateOnly Day = History.ServiceStart.AddDays(10);

    [Fact]
    public void The_start_records_the_provider_unit_and_its_kind_from_the_configuration()
    {
        Spec.Given(History.AwaitingServiceStart).When(Start(History.ServiceStart) with { ProviderUnit = Actors.ProviderUnit }, Later)
            .Then(new ServiceStarted(History.ServiceStart, "Palveluntuottaja Oy") { ProviderUnit = Actors.ProviderUnit, ProviderKind = ProviderKind.Purchased });
        var state = Spec.Given(History.AwaitingServiceStart)
            .When(Start(History.ServiceStart) with { ProviderUnit = Actors.OwnProviderUnit, ProviderKind = ProviderKind.Own }, Later).ThenState();
        Assert.Equal((Actors.OwnProviderUnit, ProviderKind.Own), (state.ProviderUnit, state.ProviderKind));
    }

    [Fact]
    public void A_unit_that_is_no_provider_or_a_kind_that_is_not_the_units_is_refused()
    {
        Spec.Given(History.AwaitingServiceStart).When(Start(History.ServiceStart) with { ProviderUnit = Actors.Unit }, Later)
            .ThenRejected(RejectionCode.UnknownProviderUnit, "ProviderUnit");
        Spec.Given(History.AwaitingServiceStart).When(Start(History.ServiceStart) with { ProviderUnit = "no-such-unit" }, Later)
            .ThenRejected(RejectionCode.UnknownProviderUnit, "ProviderUnit");
        Spec.Given(History.AwaitingServiceStart)
            .When(Start(History.ServiceStart) with { ProviderUnit = Actors.ProviderUnit, ProviderKind = ProviderKind.Own }, Later)
            .ThenRejected(RejectionCode.UnknownProviderUnit, "ProviderKind");
        Spec.Given(History.AwaitingServiceStart).When(Start(History.ServiceStart) with { ProviderKind = (ProviderKind)7 }, Later)
            .ThenRejected(RejectionCode.InvalidInput, "ProviderKind");
    }

    [Fact]
    public void Without_a_provider_unit_the_kind_is_the_one_given_or_the_one_the_decision_named()
    {
        Spec.Given(History.AwaitingServiceStart).When(Start(History.ServiceStart) with { ProviderKind = ProviderKind.Own }, Later)
            .Then(new ServiceStarted(History.ServiceStart, "Palveluntuottaja Oy") { ProviderKind = ProviderKind.Own });
        Spec.Given(History.AwaitingServiceStart).When(Start(History.ServiceStart), Later)
            .Then(new ServiceStarted(History.ServiceStart, "Palveluntuottaja Oy"));
    }

    /// <summary>Streams written before the start recorded the provider read as they were: no provider unit (so no
    /// provider sees them), and the kind the granting decision named.</summary>
    [Fact]
    public void An_old_start_event_without_the_provider_fields_still_reads_with_the_decisions_kind()
    {
        var old = """{"$type":"service-started","On":"2026-03-02","Provider":"Oy"}""";
        var started = Assert.IsType<ServiceStarted>(JsonSerializer.Deserialize<ReferralEvent>(old));
        Assert.Null(started.ProviderUnit);
        Assert.Null(started.ProviderKind);
        var draft = History.GrantingDraft with { ProviderKind = ProviderKind.Own };
        ReferralEvent[] events =
        [
            .. History.AwaitingGrantingDraft,
            History.Stamp(new DecisionDrafted(1, draft), 3, Actors.Worker),
            History.Stamp(new DecisionSigned(1, "hash", History.SignedOn, History.SignedOn.AddDays(7)), 4, Actors.Signer),
            started with { At = History.Day(28), By = Actors.Worker },
        ];
        var state = ReferralDecider.Replay("r", events);
        Assert.Equal((ReferralStatus.ServiceActive, null, ProviderKind.Own), (state.Status, state.ProviderUnit, state.ProviderKind));
        Assert.DoesNotContain("ProviderUnit", JsonSerializer.Serialize<ReferralEvent>(new ServiceStarted(History.ServiceStart, null)), StringComparison.Ordinal);
        Spec.Given(events).When(Report(Day, Actors.Provider), Later).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void The_provider_unit_records_its_reports_and_its_rehabilitation_plan()
    {
        Spec.Given(History.ServiceActive).When(Report(Day, Actors.Provider), Later).Then(new ProviderReportRecorded(Day, "Osallistunut."));
        var state = Spec.Given(History.ServiceActive).When(RehabilitationPlan(Day), Later).ThenState();
        Assert.Equal(Day, state.RehabilitationPlanOn);
        // The case owner records a report that came on paper, as before.
        Spec.Given(History.ServiceActive).When(Report(Day), Later).Then(new ProviderReportRecorded(Day, "Osallistunut."));
    }

    [Fact]
    public void Another_provider_unit_the_case_owner_for_the_plan_and_the_provider_for_anything_else_may_not()
    {
        Spec.Given(History.ServiceActive).When(Report(Day, Actors.OtherProvider), Later).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.ServiceActive).When(RehabilitationPlan(Day, Actors.OtherProvider), Later).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.ServiceActive).When(RehabilitationPlan(Day, Actors.Worker), Later).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.ServiceActive).When(ClientPlan(Day, Actors.Provider), Later).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.ServiceActive).When(Close(Day, Actors.Provider), Later).ThenRejected(RejectionCode.NotPermitted);
        Spec.Given(History.ServiceActive).When(Interim(Day, Actors.Provider), Later).ThenRejected(RejectionCode.NotPermitted);
    }

    [Fact]
    public void The_plan_is_dated_within_the_service_and_its_text_within_the_domains_limits()
    {
        Spec.Given(History.ServiceActive).When(RehabilitationPlan(History.ServiceStart.AddDays(-1)), Later).ThenRejected(RejectionCode.DateOutOfOrder, "AgreedOn");
        Spec.Given(History.ServiceActive).When(RehabilitationPlan(Day) with { Summary = new string('x', Limits.MaxText + 1) }, Later)
            .ThenRejected(RejectionCode.InvalidInput, $"Summary: longer than {Limits.MaxText}");
        Spec.Given(History.ServiceActive).When(Report(Day, Actors.Provider) with { Summary = " " }, Later).ThenRejected(RejectionCode.InvalidInput, "Summary");
        Spec.Given(History.Closed).When(RehabilitationPlan(Day), Later).ThenRejected(RejectionCode.ReferralEnded);
    }

    [Fact]
    public void The_provider_report_reminder_goes_to_the_case_owner_and_to_the_provider_unit()
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, History.ServiceActive);
        var raised = new ReminderRaised(TimerKind.ProviderReportDue, History.Day(120)) { At = History.Day(120), By = Actors.System };
        var messages = Process.Decider.Notify(ReferralDecider.Evolve(state, raised), [raised]);
        Assert.Equal([new Recipient(RecipientRole.CaseOwner, Actors.Worker.UserId), new Recipient(RecipientRole.ServiceProvider, Actors.ProviderUnit)],
            messages.Select(m => m.To));
        Assert.All(messages, m => Assert.Equal("ProviderReportDue", m.Parameters["timerKind"]));
        // Other reminders of a running service go to the case owner alone.
        var other = raised with { Kind = TimerKind.DecidedEndPassed };
        Assert.Equal([new Recipient(RecipientRole.CaseOwner, Actors.Worker.UserId)], Process.Decider.Notify(state, [other]).Select(m => m.To));
    }
}
