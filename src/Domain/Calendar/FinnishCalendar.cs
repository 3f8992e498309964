namespace Referrals.Domain.Calendar;

/// <summary>The Finnish calendar the process runs on: Europe/Helsinki time, public holidays, working
/// days, and the rule that a deadline falling on a weekend or holiday moves to the next working day.
/// (Placeholder: weekends only; holidays are added with their tests.)</summary>
public static class FinnishCalendar
{
    public static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public static bool IsPublicHoliday(DateOnly date) => false;

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(date);

    public static DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    public static DateOnly AddWorkingDays(DateOnly date, int days)
    {
        for (var i = 0; i < days; i++) date = NextWorkingDayOnOrAfter(date.AddDays(1));
        return date;
    }

    /// <summary>The Helsinki calendar date of an instant.</summary>
    public static DateOnly DateIn(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Helsinki).DateTime);

    /// <summary>The instant of a Helsinki wall-clock hour on a date (daylight saving applied).</summary>
    public static DateTimeOffset At(DateOnly date, int hour)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Helsinki.GetUtcOffset(local));
    }

    /// <summary>When a reminder for something due on a date goes out: at the working hour of the first
    /// working day on or after it.</summary>
    public static DateTimeOffset ReminderAt(DateOnly due, int hour = 9) => At(NextWorkingDayOnOrAfter(due), hour);
}
