using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Referrals.Domain.Calendar;

namespace Referrals.Domain.Tests.Calendar;

public class WorkingDayTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-04-18", "2025-04-22")] // Good Friday → the Tuesday after Easter Monday
    [InlineData("2025-04-19", "2025-04-22")]
    [InlineData("2025-06-20", "2025-06-23")] // Midsummer Eve → Monday
    [InlineData("2025-12-24", "2025-12-29")] // Christmas Eve, Day, Boxing Day, weekend → Monday
    [InlineData("2026-12-24", "2026-12-28")]
    [InlineData("2026-12-31", "2026-12-31")] // a working day stays
    [InlineData("2027-01-01", "2027-01-04")] // New Year's Day on a Friday
    [InlineData("2026-01-06", "2026-01-07")] // Epiphany on a Tuesday
    [InlineData("2025-05-29", "2025-05-30")] // Ascension Day → Friday
    [InlineData("2025-11-01", "2025-11-03")] // All Saints' Day on its Saturday
    public void A_deadline_on_a_non_working_day_moves_to_the_next_working_day(string due, string expected) =>
        Assert.Equal(D(expected), FinnishCalendar.NextWorkingDayOnOrAfter(D(due)));

    [Theory]
    [InlineData("2025-04-17", 1, "2025-04-22")] // Maundy Thursday + 1 skips Good Friday to Easter Monday
    [InlineData("2025-04-16", 3, "2025-04-23")]
    [InlineData("2025-12-23", 1, "2025-12-29")] // across Christmas
    [InlineData("2025-12-19", 5, "2025-12-31")] // 22, 23, 29, 30, 31
    [InlineData("2026-04-01", 10, "2026-04-17")] // across Easter 2026 (3–6 April)
    [InlineData("2025-06-18", 2, "2025-06-23")] // across Midsummer
    [InlineData("2025-12-29", -1, "2025-12-23")] // backwards across Christmas
    [InlineData("2025-04-22", -1, "2025-04-17")] // backwards across Easter
    [InlineData("2025-12-27", 0, "2025-12-27")] // zero leaves the date alone
    public void Adding_working_days_skips_weekends_and_holidays(string from, int days, string expected) =>
        Assert.Equal(D(expected), FinnishCalendar.AddWorkingDays(D(from), days));

    private static readonly Arbitrary<(DateOnly Date, int Days)> DateAndDays =
        Gen.Zip(Gen.Choose(0, 365 * 12).Select(n => new DateOnly(2024, 1, 1).AddDays(n)), Gen.Choose(1, 60)).ToArbitrary();

    [Property]
    public Property Adding_n_working_days_lands_on_a_working_day_n_working_days_later() =>
        Prop.ForAll(DateAndDays, x =>
        {
            var result = FinnishCalendar.AddWorkingDays(x.Date, x.Days);
            var counted = 0;
            for (var d = x.Date.AddDays(1); d <= result; d = d.AddDays(1))
                if (FinnishCalendar.IsWorkingDay(d)) counted++;
            return FinnishCalendar.IsWorkingDay(result) && counted == x.Days
                && FinnishCalendar.AddWorkingDays(result, -x.Days) == FinnishCalendar.PreviousWorkingDayOnOrBefore(x.Date);
        });
}
