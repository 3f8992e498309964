using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Profiles;

/// <summary>The ESY re-measurement is optional where the profile says so (Steppi's 3–6-month service is shorter than the
/// 6–12-month window); elsewhere a granting decision still needs the month.</summary>
public class EsyRemeasurementPerProfileTests
{
    private static readonly ReferralEvent[] SteppiApproved =
    [
        History.Submitted(Process.Steppi, Process.SteppiTeam),
        History.Stamp(new ReferralApproved("Sopii."), 2, Actors.SteppiTeamMember),
    ];

    [Fact]
    public void Steppi_grants_three_months_without_an_ESY_month_and_no_re_measurement_falls_due()
    {
        Assert.False(Process.Configuration.Profile(Process.Steppi)!.EsyRemeasurementRequired);
        var draft = Draft(start: new DateOnly(2026, 3, 2), end: new DateOnly(2026, 6, 1), esyMonth: null, service: "sr-group-activity");
        var spec = Spec.Given(SteppiApproved).When(draft);
        var drafted = Assert.IsType<DecisionDrafted>(Assert.Single(Assert.IsType<Outcome.Accepted>(spec.Outcome).Events));
        Assert.Null(drafted.Draft.EsyRemeasurementMonth);
        Assert.Equal(new DateOnly(2026, 6, 1), drafted.Draft.End);

        ReferralEvent[] started =
        [
            .. SteppiApproved, History.Stamp(drafted, 3, Actors.Worker),
            History.Stamp(new DecisionSigned(1, "h", new DateOnly(2026, 2, 6)), 4, Actors.Signer),
            History.Stamp(new ServiceStarted(new DateOnly(2026, 3, 2), "Oy"), 28, Actors.Worker),
        ];
        var schedule = Process.Decider.Schedule(ReferralDecider.Replay("r", started));
        Assert.DoesNotContain(schedule, t => t.Kind is TimerKind.EsyWindowOpens or TimerKind.EsyOverdue);
        Assert.Contains(schedule, t => t.Kind == TimerKind.ClientPlanDue);
        // A month, when given, is still checked.
        Spec.Given(SteppiApproved).When(draft with { EsyRemeasurementMonth = 3 }).ThenRejected(RejectionCode.EsyMonthOutOfRange, "3");
    }

    [Fact]
    public void The_steering_group_still_needs_the_month() =>
        Spec.Given(History.AwaitingGrantingDraft).When(Draft(esyMonth: null)).ThenRejected(RejectionCode.InvalidInput, "EsyRemeasurementMonth");
}
