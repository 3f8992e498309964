using Referrals.Domain.Calendar;

namespace Referrals.Domain.Tests.Calendar;

/// <summary>The holiday list against known dates. Easter Sundays are from the published table of
/// Gregorian Easter dates; Midsummer Day and All Saints' Day from the Finnish almanac (University of
/// Helsinki); everything else is fixed or a fixed offset from Easter by definition.</summary>
public class PublicHolidayTests
{
    /// <summary>year, Easter Sunday, Midsummer Day (Sat 20–26 June), All Saints' Day (Sat 31 Oct–6 Nov).</summary>
    public static readonly TheoryData<int, string, string, string> KnownYears = new()
    {
        { 2024, "2024-03-31", "2024-06-22", "2024-11-02" },
        { 2025, "2025-04-20", "2025-06-21", "2025-11-01" },
        { 2026, "2026-04-05", "2026-06-20", "2026-10-31" },
        { 2027, "2027-03-28", "2027-06-26", "2027-11-06" },
        { 2028, "2028-04-16", "2028-06-24", "2028-11-04" },
        { 2029, "2029-04-01", "2029-06-23", "2029-11-03" },
        { 2030, "2030-04-21", "2030-06-22", "2030-11-02" },
        { 2031, "2031-04-13", "2031-06-21", "2031-11-01" },
        { 2032, "2032-03-28", "2032-06-26", "2032-11-06" },
        { 2033, "2033-04-17", "2033-06-25", "2033-11-05" },
        { 2034, "2034-04-09", "2034-06-24", "2034-11-04" },
        { 2035, "2035-03-25", "2035-06-23", "2035-11-03" },
    };

    [Theory]
    [MemberData(nameof(KnownYears))]
    public void The_holiday_list_matches_the_known_dates(int year, string easter, string midsummerDay, string allSaints)
    {
        var e = DateOnly.Parse(easter);
        var m = DateOnly.Parse(midsummerDay);
        var expected = new (DateOnly, Holiday)[]
        {
            (new(year, 1, 1), Holiday.NewYearsDay),
            (new(year, 1, 6), Holiday.Epiphany),
            (e.AddDays(-2), Holiday.GoodFriday),
            (e, Holiday.EasterSunday),
            (e.AddDays(1), Holiday.EasterMonday),
            (new(year, 5, 1), Holiday.MayDay),
            (e.AddDays(39), Holiday.AscensionDay),
            (e.AddDays(49), Holiday.WhitSunday),
            (m.AddDays(-1), Holiday.MidsummerEve),
            (m, Holiday.MidsummerDay),
            (DateOnly.Parse(allSaints), Holiday.AllSaintsDay),
            (new(year, 12, 6), Holiday.IndependenceDay),
            (new(year, 12, 24), Holiday.ChristmasEve),
            (new(year, 12, 25), Holiday.ChristmasDay),
            (new(year, 12, 26), Holiday.StStephensDay),
        }.OrderBy(x => x.Item1);

        Assert.Equal(expected, FinnishCalendar.PublicHolidays(year).Select(h => (h.Date, h.Kind)));
    }

    [Theory]
    [MemberData(nameof(KnownYears))]
    public void Moving_holidays_fall_on_their_weekdays(int year, string easter, string midsummerDay, string allSaints)
    {
        var byKind = FinnishCalendar.PublicHolidays(year).ToDictionary(h => h.Kind, h => h.Date);
        Assert.Equal(DateOnly.Parse(easter), Easter.Sunday(year));
        Assert.Equal(DayOfWeek.Friday, byKind[Holiday.GoodFriday].DayOfWeek);
        Assert.Equal(DayOfWeek.Monday, byKind[Holiday.EasterMonday].DayOfWeek);
        Assert.Equal(DayOfWeek.Thursday, byKind[Holiday.AscensionDay].DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, byKind[Holiday.WhitSunday].DayOfWeek);
        Assert.Equal(DayOfWeek.Friday, byKind[Holiday.MidsummerEve].DayOfWeek);
        Assert.InRange(byKind[Holiday.MidsummerEve].Day, 19, 25);
        Assert.Equal(DateOnly.Parse(midsummerDay), byKind[Holiday.MidsummerDay]);
        Assert.Equal(DateOnly.Parse(allSaints), byKind[Holiday.AllSaintsDay]);
        Assert.Equal(DayOfWeek.Saturday, byKind[Holiday.AllSaintsDay].DayOfWeek);
    }

    [Fact]
    public void The_2025_list_written_out_with_Finnish_and_Swedish_names()
    {
        var expected = new[]
        {
            ("2025-01-01", "Uudenvuodenpäivä", "Nyårsdagen"),
            ("2025-01-06", "Loppiainen", "Trettondagen"),
            ("2025-04-18", "Pitkäperjantai", "Långfredagen"),
            ("2025-04-20", "Pääsiäispäivä", "Påskdagen"),
            ("2025-04-21", "Toinen pääsiäispäivä", "Annandag påsk"),
            ("2025-05-01", "Vappu", "Första maj"),
            ("2025-05-29", "Helatorstai", "Kristi himmelsfärdsdag"),
            ("2025-06-08", "Helluntaipäivä", "Pingstdagen"),
            ("2025-06-20", "Juhannusaatto", "Midsommarafton"),
            ("2025-06-21", "Juhannuspäivä", "Midsommardagen"),
            ("2025-11-01", "Pyhäinpäivä", "Alla helgons dag"),
            ("2025-12-06", "Itsenäisyyspäivä", "Självständighetsdagen"),
            ("2025-12-24", "Jouluaatto", "Julafton"),
            ("2025-12-25", "Joulupäivä", "Juldagen"),
            ("2025-12-26", "Tapaninpäivä", "Annandag jul"),
        };
        Assert.Equal(expected, FinnishCalendar.PublicHolidays(2025).Select(h => (h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.NameFi, h.NameSv)));
    }

    [Fact]
    public void Every_holiday_has_a_name_in_every_language()
    {
        foreach (var kind in Enum.GetValues<Holiday>())
        foreach (var lang in Texts.Languages)
            Assert.NotEqual($"holiday.{kind}", new PublicHoliday(new DateOnly(2025, 1, 1), kind).Name(lang));
    }

    [Theory]
    [InlineData("2025-06-20")] // Midsummer Eve, a Friday
    [InlineData("2025-12-24")] // Christmas Eve, a Wednesday
    [InlineData("2026-12-24")] // Christmas Eve, a Thursday
    [InlineData("2025-05-29")] // Ascension Day
    [InlineData("2025-04-18")] // Good Friday
    [InlineData("2025-04-21")] // Easter Monday
    [InlineData("2025-01-06")] // Epiphany
    [InlineData("2024-12-06")] // Independence Day, a Friday
    [InlineData("2025-05-01")] // May Day
    public void Holidays_and_the_two_eves_on_weekdays_are_not_working_days(string date)
    {
        var d = DateOnly.Parse(date);
        Assert.True(FinnishCalendar.IsPublicHoliday(d));
        Assert.False(FinnishCalendar.IsWorkingDay(d));
        Assert.NotNull(FinnishCalendar.HolidayOn(d));
    }

    [Theory]
    [InlineData("2025-06-19")] // Thursday before Midsummer Eve
    [InlineData("2025-12-23")]
    [InlineData("2025-04-17")] // Maundy Thursday is a working day
    [InlineData("2025-12-31")] // New Year's Eve is a working day
    [InlineData("2025-04-30")] // May Day Eve is a working day
    public void Ordinary_weekdays_are_working_days(string date)
    {
        var d = DateOnly.Parse(date);
        Assert.False(FinnishCalendar.IsPublicHoliday(d));
        Assert.True(FinnishCalendar.IsWorkingDay(d));
        Assert.Null(FinnishCalendar.HolidayOn(d));
    }

    [Fact]
    public void Weekends_are_never_working_days()
    {
        for (var d = new DateOnly(2024, 1, 1); d < new DateOnly(2036, 1, 1); d = d.AddDays(1))
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                Assert.False(FinnishCalendar.IsWorkingDay(d));
    }
}
