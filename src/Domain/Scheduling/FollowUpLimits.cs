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
}
