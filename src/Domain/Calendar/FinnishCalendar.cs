using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Referrals.Domain.Calendar;

/// <summary>The Finnish calendar the process runs on: Europe/Helsinki time, public holidays, working
/// days, and the rule that a deadline falling on a weekend or holiday moves to the next working day
/// (Act on the Computation of Time Limits 150/1930, § 5: the act may be done on the first working day
/// after a holiday, Independence Day, May Day, Christmas Eve, Midsummer Eve or a Saturday).</summary>
public static class FinnishCalendar
{
    public static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>Holidays per year, computed once: a pure function memoised, so the loops that count
    /// working days stay cheap.</summary>
    private static readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, PublicHoliday>> ByYear = new();

    /// <summary>The year's holidays in date order, the moving ones included: Easter (Good Friday to
    /// Easter Monday), Ascension Day (Easter + 39), Whit Sunday (Easter + 49), Midsummer (the Friday
    /// and Saturday between 19 and 26 June) and All Saints' Day (the Saturday between 31 October and
    /// 6 November). The rules are those in force since 1992 (between 1973 and 1991 Epiphany and
    /// Ascension Day were moved to Saturdays); earlier years are computed by the same rules.</summary>
    public static IReadOnlyList<PublicHoliday> PublicHolidays(int year) =>
        HolidaysOf(year).Values.OrderBy(h => h.Date).ToArray();

    /// <summary>The holiday on a date, if any.</summary>
    public static PublicHoliday? HolidayOn(DateOnly date) =>
        HolidaysOf(date.Year).TryGetValue(date, out var holiday) ? holiday : null;

    /// <summary>True on every day of <see cref="PublicHolidays"/>, including Midsummer Eve and
    /// Christmas Eve, which are not church holidays but close offices and extend time limits.</summary>
    public static bool IsPublicHoliday(DateOnly date) => HolidaysOf(date.Year).ContainsKey(date);

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(date);

    /// <summary>Where a deadline falling on this date really ends.</summary>
    public static DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    public static DateOnly PreviousWorkingDayOnOrBefore(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(-1);
        return date;
    }

    /// <summary>The date that many working days after (or, when negative, before) a date. Zero gives
    /// the date itself, even when it is not a working day.</summary>
    public static DateOnly AddWorkingDays(DateOnly date, int days)
    {
        for (var i = 0; i < days; i++) date = NextWorkingDayOnOrAfter(date.AddDays(1));
        for (var i = 0; i > days; i--) date = PreviousWorkingDayOnOrBefore(date.AddDays(-1));
        return date;
    }

    /// <summary>The Helsinki calendar date of an instant.</summary>
    public static DateOnly DateIn(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Helsinki).DateTime);

    /// <summary>The instant of a Helsinki wall-clock hour on a date (daylight saving applied). An hour
    /// skipped by the spring change is read as the hour after it; an hour repeated in autumn is its
    /// first (summer-time) occurrence, so a reminder is never late.</summary>
    public static DateTimeOffset At(DateOnly date, int hour)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        if (Helsinki.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = Helsinki.IsAmbiguousTime(local)
            ? Helsinki.GetAmbiguousTimeOffsets(local).Max()
            : Helsinki.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>When a reminder for something due on a date goes out: at the working hour of the first
    /// working day on or after it.</summary>
    public static DateTimeOffset ReminderAt(DateOnly due, int hour = 9) => At(NextWorkingDayOnOrAfter(due), hour);

    private static FrozenDictionary<DateOnly, PublicHoliday> HolidaysOf(int year) =>
        ByYear.GetOrAdd(year, y => Compute(y).ToFrozenDictionary(h => h.Date));

    private static IEnumerable<PublicHoliday> Compute(int year)
    {
        var easter = Easter.Sunday(year);
        var midsummerDay = SaturdayBetween(new DateOnly(year, 6, 20));
        yield return new(new DateOnly(year, 1, 1), Holiday.NewYearsDay);
        yield return new(new DateOnly(year, 1, 6), Holiday.Epiphany);
        yield return new(easter.AddDays(-2), Holiday.GoodFriday);
        yield return new(easter, Holiday.EasterSunday);
        yield return new(easter.AddDays(1), Holiday.EasterMonday);
        yield return new(new DateOnly(year, 5, 1), Holiday.MayDay);
        yield return new(easter.AddDays(39), Holiday.AscensionDay);
        yield return new(easter.AddDays(49), Holiday.WhitSunday);
        yield return new(midsummerDay.AddDays(-1), Holiday.MidsummerEve);
        yield return new(midsummerDay, Holiday.MidsummerDay);
        yield return new(SaturdayBetween(new DateOnly(year, 10, 31)), Holiday.AllSaintsDay);
        yield return new(new DateOnly(year, 12, 6), Holiday.IndependenceDay);
        yield return new(new DateOnly(year, 12, 24), Holiday.ChristmasEve);
        yield return new(new DateOnly(year, 12, 25), Holiday.ChristmasDay);
        yield return new(new DateOnly(year, 12, 26), Holiday.StStephensDay);
    }

    /// <summary>The Saturday in the seven days starting at a date (20–26 June, 31 October–6 November).</summary>
    private static DateOnly SaturdayBetween(DateOnly first) =>
        first.AddDays(((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7);
}
