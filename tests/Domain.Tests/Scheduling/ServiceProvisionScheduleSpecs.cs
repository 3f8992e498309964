using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Scheduling;

/// <summary>The provision timers: provider report due, the decided end passed, and the SHL § 45 limit where the profile
/// watches it (Satakunta). Each comes due once, at the profile's hour on a working day, and the step that answers it
/// clears it. Dates worked out by hand against the 2026 calendar.</summary>
public class ServiceProvisionScheduleSpecs
{
    private static string[] Timers(IEnumerable<ReferralEvent> events, string prefix) =>
        Process.Decider.Schedule(ReferralDecider.Replay(Spec.ReferralId, events)).Select(ScheduleSpecs.Show)
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    private static ReferralEvent At<T>(T e, DateOnly on, Actor by) where T : ReferralEvent => e with { At = FinnishCalendar.At(on, 10), By = by };

    [Fact]
    public void The_provider_report_is_due_the_interval_after_the_start_then_after_each_report()
    {
        // Started Monday 2 March; 3 months.
        Assert.Equal(["ProviderReportDue 2026-06-02 09:00"], Timers(History.ServiceActive, "ProviderReport"));
        var reported = At(new ProviderReportRecorded(new DateOnly(2026, 3, 6), "s"), new DateOnly(2026, 3, 6), Actors.Provider);
        // 6 June is a Saturday (and the Midsummer weeks are later): the Monday after.
        Assert.Equal(["ProviderReportDue 2026-06-08 09:00"], Timers([.. History.ServiceActive, reported], "ProviderReport"));
    }

    [Fact]
    public void The_provider_report_timer_comes_due_once_and_a_report_clears_it()
    {
        var state = ReferralDecider.Replay(Spec.ReferralId, History.ServiceActive);
        var due = Process.Decider.Schedule(state).Single(t => t.Kind == TimerKind.ProviderReportDue);
        var fire = Timer(due.Kind, due.DueAt);
        Assert.Equal([new ReminderRaised(due.Kind, due.DueAt)], Events(Process.Decider.Decide(state, fire, due.DueAt)).Select(e => e with { At = default, By = Actor.System }));
        var raised = ReferralDecider.Evolve(state, new ReminderRaised(due.Kind, due.DueAt));
        Assert.Empty(Events(Process.Decider.Decide(raised, fire, due.DueAt.AddHours(1))));
        Assert.DoesNotContain(Process.Decider.Schedule(raised), t => t.Kind == TimerKind.ProviderReportDue);
        // A report before it came due: the old one is no longer called for, the next one is.
        var reported = ReferralDecider.Evolve(state, new ProviderReportRecorded(new DateOnly(2026, 4, 1), "s") { At = History.Day(60), By = Actors.Provider });
        Assert.Empty(Events(Process.Decider.Decide(reported, fire, due.DueAt)));
        Assert.Contains(Process.Decider.Schedule(reported), t => t.Kind == TimerKind.ProviderReportDue && t.DueAt > due.DueAt);
    }

    [Fact]
    public void No_provider_report_is_due_after_the_decided_end_or_where_the_profile_sets_no_interval()
    {
        var draft = History.GrantingDraft with { End = new DateOnly(2026, 5, 31) };
        ReferralEvent[] shortService =
        [
            .. History.AwaitingGrantingDraft,
            History.Stamp(new DecisionDrafted(1, draft), 3, Actors.Worker),
            History.Stamp(new DecisionSigned(1, "hash", History.SignedOn, History.SignedOn.AddDays(7)), 4, Actors.Signer),
            History.Stamp(new ServiceStarted(History.ServiceStart, null), 28, Actors.Worker),
        ];
        Assert.Empty(Timers(shortService, "ProviderReport"));
        var config = Process.Configuration with
        {
            Profiles = [.. Process.Configuration.Profiles.Select(p => p with { Deadlines = p.Deadlines with { ProviderReportIntervalMonths = 0 } })],
        };
        Assert.DoesNotContain(new ReferralDecider(config).Schedule(ReferralDecider.Replay("r", History.ServiceActive)), t => t.Kind == TimerKind.ProviderReportDue);
    }

    [Fact]
    public void The_decided_end_passed_reminds_the_case_owner_the_working_day_after_and_a_continuation_or_closure_clears_it()
    {
        // Decided end Thursday 31 December 2026; New Year's Day is a holiday, then a weekend.
        Assert.Equal(["DecidedEndPassed 2027-01-04 09:00"], Timers(History.ServiceActive, "DecidedEnd"));
        Assert.Empty(Timers(History.Closed, "DecidedEnd"));
        var continuation = History.GrantingDraft with { Kind = DecisionKind.Continuation, Start = new DateOnly(2027, 1, 1), End = new DateOnly(2027, 6, 30) };
        ReferralEvent[] continued =
        [
            .. History.ServiceActive,
            History.Stamp(new DecisionDrafted(2, continuation), 300, Actors.Worker),
            History.Stamp(new DecisionSigned(2, "hash-2", History.SignedOn.AddDays(300)), 300, Actors.Signer),
        ];
        Assert.Equal(["DecidedEndPassed 2027-07-01 09:00"], Timers(continued, "DecidedEnd"));
    }

    [Fact]
    public void An_ending_decision_closes_the_service_itself_so_no_passed_end_is_reminded()
    {
        var ending = History.GrantingDraft with { Kind = DecisionKind.Ending, End = new DateOnly(2026, 6, 30), EndingReason = EndingReason.GoalsMet };
        ReferralEvent[] ended =
        [
            .. History.ServiceActive,
            History.Stamp(new DecisionDrafted(2, ending), 100, Actors.Worker),
            History.Stamp(new DecisionSigned(2, "hash-2", History.SignedOn.AddDays(100)), 100, Actors.Signer),
        ];
        Assert.Empty(Timers(ended, "DecidedEnd"));
        Assert.Single(Timers(ended, "ServiceEndsByDecision"));
    }

    private static ReferralEvent[] Satakunta(params ReferralEvent[] after) =>
        [History.Submitted(Process.Satakunta, Process.SatakuntaSteeringGroup), .. after];

    [Fact]
    public void Where_the_profile_watches_SHL_45_the_start_is_warned_before_three_months_and_overdue_after()
    {
        // Pending Monday 2 February: three months end Saturday 2 May (1 May is May Day), so the limit is Monday 4 May;
        // the warning 14 days before, overdue the working day after.
        Assert.Equal(["ServiceStartLimitApproaching 2026-04-20 09:00", "ServiceStartLimitOverdue 2026-05-05 09:00"], Timers(Satakunta(), "ServiceStartLimit"));
        // Vantaa's steering-group profile does not watch it.
        Assert.Empty(Timers(History.AwaitingReview, "ServiceStartLimit"));
        Assert.Empty(Timers(History.AwaitingServiceStart, "ServiceStartLimit"));
    }

    [Fact]
    public void The_SHL_45_watch_runs_until_the_start_and_ends_with_it_or_with_a_refusal()
    {
        var approved = History.Stamp(new ReferralApproved("ok"), 2, Actors.SteeringGroupMember);
        var drafted = History.Stamp(new DecisionDrafted(1, History.GrantingDraft), 3, Actors.Worker);
        var signed = History.Stamp(new DecisionSigned(1, "hash", History.SignedOn), 4, Actors.Signer);
        Assert.Equal(2, Timers(Satakunta(approved, drafted, signed), "ServiceStartLimit").Length);
        Assert.Empty(Timers(Satakunta(approved, drafted, signed, History.Stamp(new ServiceStarted(History.ServiceStart, null), 28, Actors.Worker)), "ServiceStartLimit"));
        Assert.Empty(Timers(Satakunta(History.Stamp(new ReferralRefused("ei"), 2, Actors.SteeringGroupMember)), "ServiceStartLimit"));
        Assert.Empty(Timers(Satakunta(History.Stamp(new ReferralWithdrawn("pois"), 2, Actors.Worker)), "ServiceStartLimit"));
    }

    /// <summary>A Satakunta referral whose service starts four months after the application: the warning and the overdue
    /// reminder each fire once, on their days, and nothing of § 45 after the start.</summary>
    [Fact]
    public void A_late_start_fires_the_warning_and_the_overdue_reminder_once_each()
    {
        var worker = new Actor("worker-s", Role.ReferringWorker, "satakunta-pori-adult-social-work");
        var member = new Actor("member-s", Role.ReviewBodyMember, Process.SatakuntaSteeringGroup);
        var signer = new Actor("leader-s", Role.Signer, worker.Unit);
        var run = new ClockSimulation(Process.Decider)
            .On(2026, 2, 2, 10, Submit(Process.Satakunta, requestedStart: new DateOnly(2026, 6, 1), by: worker))
            .On(2026, 2, 10, 10, Review(ReviewOutcome.Approve, member))
            .On(2026, 2, 11, 10, Draft(start: new DateOnly(2026, 6, 1), end: new DateOnly(2026, 12, 31), esyMonth: 6, by: worker))
            .On(2026, 2, 12, 10, Sign(1, signer))
            .On(2026, 2, 12, 11, Notify(global::Referrals.Domain.Decisions.NotificationMethod.InPerson, new DateOnly(2026, 2, 12), worker))
            .On(2026, 6, 1, 10, Start(new DateOnly(2026, 6, 1), worker))
            .RunUntil(new DateOnly(2026, 6, 30));
        Assert.Equal(["ServiceStartLimitApproaching 2026-04-20 09:00", "ServiceStartLimitOverdue 2026-05-05 09:00"],
            run.Fired.Where(f => f.StartsWith("ServiceStartLimit", StringComparison.Ordinal)));
        Assert.All(run.Messages.Where(m => m.Parameters.TryGetValue("timerKind", out var k) && k.StartsWith("ServiceStartLimit", StringComparison.Ordinal)),
            m => Assert.Equal(global::Referrals.Domain.Notifications.RecipientRole.CaseOwner, m.To.Role));
    }

    private static IReadOnlyList<ReferralEvent> Events(Outcome outcome) => Assert.IsType<Outcome.Accepted>(outcome).Events;
}
