using System.Globalization;
using Referrals.Domain.Calendar;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Scheduling;

/// <summary>Schedule(state): the timers derived from state, at 09:00 Helsinki time on working days.
/// Expected dates are worked out by hand against the 2026–2029 calendars.</summary>
public class ScheduleSpecs
{
    private static string[] Timers(IEnumerable<ReferralEvent> events) =>
        Process.Decider.Schedule(ReferralDecider.Replay(Spec.ReferralId, events)).Select(Show).Order(StringComparer.Ordinal).ToArray();

    public static string Show(DueTimer t) => $"{t.Kind} {Local(t.DueAt)}";

    public static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, FinnishCalendar.Helsinki).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static ReferralEvent[] Started(DateOnly on, DateOnly? end = null, int esyMonth = 6)
    {
        var draft = History.GrantingDraft with { Start = on, End = end ?? on.AddMonths(10), EsyRemeasurementMonth = esyMonth };
        return
        [
            .. History.AwaitingGrantingDraft,
            History.Stamp(new DecisionDrafted(1, draft), 3, Actors.Worker),
            History.Stamp(new DecisionSigned(1, "hash", History.SignedOn, History.SignedOn.AddDays(7)), 4, Actors.Signer),
            History.Stamp(new ServiceStarted(on, null), 5, Actors.Worker),
        ];
    }

    [Fact]
    public void Nothing_is_scheduled_before_submission_or_after_withdrawal_or_redirect()
    {
        Assert.Empty(Timers([]));
        Assert.Empty(Timers(History.Withdrawn));
        Assert.Empty(Timers(History.Redirected));
    }

    [Fact]
    public void A_queued_referral_is_overdue_after_the_profiles_working_days() =>
        Assert.Equal(["ReviewOverdue 2026-02-16 09:00"], Timers(History.AwaitingReview));

    [Fact]
    public void Working_days_skip_Easter()
    {
        // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays.
        var submitted = History.Submitted() with { At = FinnishCalendar.At(new DateOnly(2026, 4, 2), 15) };
        Assert.Equal(["ReviewOverdue 2026-04-20 09:00"], Timers([submitted]));
    }

    [Fact]
    public void Information_is_overdue_on_its_due_date() =>
        Assert.Equal(["InformationOverdue 2026-02-18 09:00"], Timers(History.AwaitingInformation));

    [Fact]
    public void Drafting_is_overdue_after_the_profiles_working_days()
    {
        Assert.Equal(["DraftingOverdue 2026-02-11 09:00"], Timers(History.AwaitingGrantingDraft));
        Assert.Equal(["DraftingOverdue 2026-02-11 09:00"], Timers(History.AwaitingRefusingDraft));
    }

    [Fact]
    public void An_unsigned_draft_reminds_the_signer_then_escalates_to_the_deputy() =>
        Assert.Equal(["SignatureEscalation 2026-02-12 09:00", "SignatureReminder 2026-02-09 09:00"], Timers(History.AwaitingSignature));

    [Fact]
    public void A_running_service_has_its_whole_follow_up_scheduled() =>
        Assert.Equal(
        [
            // Plan due 2 April (Thursday); overdue the next working day after Good Friday and Easter Monday.
            "ClientPlanDue 2026-04-02 09:00",
            "ClientPlanDueSoon 2026-03-26 09:00",
            "ClientPlanOverdue 2026-04-07 09:00",
            // The decided end, 31 December, passed: New Year's Day is a holiday, then a weekend.
            "DecidedEndPassed 2027-01-04 09:00",
            // Notified 13 February; 30 days end on Sunday 15 March, so the period runs to Monday 16 March.
            "DecisionFinal 2026-03-17 09:00",
            "EsyOverdue 2027-03-02 09:00",
            "EsyWindowOpens 2026-09-02 09:00",
            "InterimEvaluationDue 2026-06-02 09:00",
            // The profile's provider-report interval, 3 months.
            "ProviderReportDue 2026-06-02 09:00",
            "ServiceEndApproaching 2026-12-01 09:00",
        ], Timers(History.ServiceActive));

    [Theory]
    [InlineData("2028-01-31", "2028-02-29")]  // leap year
    [InlineData("2029-01-31", "2029-02-28")]
    [InlineData("2026-04-01", "2026-05-04")]  // 1 May is May Day, then a weekend
    [InlineData("2026-11-30", "2026-12-30")]
    public void The_client_plan_is_due_a_calendar_month_after_the_start(string start, string due) =>
        Assert.Contains($"ClientPlanDue {due} 09:00", Timers(Started(DateOnly.Parse(start))));

    [Fact]
    public void A_recorded_plan_ends_the_plan_reminders_and_an_evaluation_moves_the_next()
    {
        ReferralEvent[] events =
        [
            .. History.ServiceActive,
            History.Stamp(new ClientPlanRecorded(new DateOnly(2026, 3, 20)), 46, Actors.Worker),
            History.Stamp(new InterimEvaluationRecorded(new DateOnly(2026, 4, 15), "x"), 72, Actors.Worker),
        ];
        var timers = Timers(events);
        Assert.DoesNotContain(timers, t => t.StartsWith("ClientPlan", StringComparison.Ordinal));
        Assert.Contains("InterimEvaluationDue 2026-07-15 09:00", timers);
    }

    [Fact]
    public void No_interim_evaluation_is_due_after_the_decided_end() =>
        Assert.DoesNotContain(Timers(Started(new DateOnly(2026, 3, 2), end: new DateOnly(2026, 5, 31))), t => t.StartsWith("Interim", StringComparison.Ordinal));

    [Fact]
    public void An_ESY_measurement_in_the_window_ends_the_ESY_reminders_and_one_before_it_does_not()
    {
        ReferralEvent Measured(int month, int day) =>
            History.Stamp(new EsyMeasured(new DateOnly(2026, month, day), Commands.Scores()), 200, Actors.Worker);
        Assert.Contains(Timers([.. History.ServiceActive, Measured(4, 1)]), t => t.StartsWith("EsyWindowOpens", StringComparison.Ordinal));
        Assert.DoesNotContain(Timers([.. History.ServiceActive, Measured(9, 2)]), t => t.StartsWith("Esy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_twelfth_month_re_measurement_is_overdue_a_month_after_its_window_opens()
    {
        var timers = Timers(Started(new DateOnly(2026, 3, 2), end: new DateOnly(2027, 6, 30), esyMonth: 12));
        Assert.Contains("EsyWindowOpens 2027-03-02 09:00", timers);
        Assert.Contains("EsyOverdue 2027-04-02 09:00", timers);
    }

    [Fact]
    public void A_refused_referral_keeps_only_its_finality_timer() =>
        Assert.Equal(["DecisionFinal 2026-03-17 09:00"], Timers(History.Refused));

    [Fact]
    public void Raised_reminders_and_a_final_decision_drop_out()
    {
        var review = Process.Decider.Schedule(ReferralDecider.Replay("r", History.AwaitingReview)).Single();
        Assert.Empty(Timers([.. History.AwaitingReview, new ReminderRaised(review.Kind, review.DueAt)]));
        Assert.Empty(Timers([.. History.Refused, new DecisionBecameFinal(new DateOnly(2026, 3, 17))]));
    }

    [Fact]
    public void Reminders_go_out_at_nine_Helsinki_time_in_summer_and_in_winter()
    {
        var timers = Process.Decider.Schedule(ReferralDecider.Replay("r", History.ServiceActive));
        Assert.Equal(TimeSpan.FromHours(6), timers.Single(t => t.Kind == TimerKind.InterimEvaluationDue).DueAt.UtcDateTime.TimeOfDay);
        Assert.Equal(TimeSpan.FromHours(7), timers.Single(t => t.Kind == TimerKind.ServiceEndApproaching).DueAt.UtcDateTime.TimeOfDay);
    }

    [Fact]
    public void Every_timer_has_a_reason()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
            Assert.All(Process.Decider.Schedule(ReferralDecider.Replay("r", History.To(status))), t => Assert.False(string.IsNullOrWhiteSpace(t.Reason)));
    }
}
