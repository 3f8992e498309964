using Referrals.Domain.Calendar;

namespace Referrals.Domain.Scheduling;

/// <summary>The follow-up limits of a running service, in one place: the schedule's timers and the reports'
/// "in time" shares both read them here.</summary>
public static class FollowUpLimits
{
    /// <summary>SHL § 39: the client plan within one calendar month of the start (31 January + 1 month =
    /// 28/29 February); a last day that is not a working day moves to the next one. The plan is late the
    /// working day after.</summary>
    public static DateOnly ClientPlanDue(DateOnly started) => FinnishCalendar.NextWorkingDayOnOrAfter(started.AddMonths(1));

    /// <summary>The ESY re-measurement window for the month agreed (in the decision, or for a service until
    /// further notice in the client plan): it opens that month after the start and the re-measurement is late
    /// at a year, or a month after a window that opens in the twelfth month.</summary>
    public static (DateOnly Opens, DateOnly Overdue) EsyWindow(DateOnly started, int agreedMonth) =>
        (started.AddMonths(agreedMonth), started.AddMonths(Math.Max(12, agreedMonth + 1)));

    /// <summary>SHL § 45: a service is arranged at the latest three months after the matter became pending.</summary>
    public const int ServiceStartLimitMonths = 3;

    /// <summary>The fewest days three calendar months can have (a warning this early would come before the application).</summary>
    public const int ServiceStartLimitMinimumDays = 89;

    /// <summary>The last day of the SHL § 45 limit for a matter pending since <paramref name="pending"/> (the application's
    /// submission): three calendar months, a last day that is not a working day moving to the next one (Act 150/1930).</summary>
    public static DateOnly ServiceStartLimit(DateOnly pending) =>
        FinnishCalendar.NextWorkingDayOnOrAfter(pending.AddMonths(ServiceStartLimitMonths));

    /// <summary>The provider's next report: the interval after the start or the last report; a day that is not a working
    /// day moves to the next one.</summary>
    public static DateOnly ProviderReportDue(DateOnly lastReportOrStart, int intervalMonths) =>
        FinnishCalendar.NextWorkingDayOnOrAfter(lastReportOrStart.AddMonths(intervalMonths));
}
