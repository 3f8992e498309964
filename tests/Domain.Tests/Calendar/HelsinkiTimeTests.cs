using Referrals.Domain.Calendar;

namespace Referrals.Domain.Tests.Calendar;

/// <summary>Reminders go out at 09:00 Helsinki time: 06:00Z in summer time (UTC+3), 07:00Z in winter
/// time (UTC+2). The clocks change on the last Sunday of March and of October.</summary>
public class HelsinkiTimeTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-03-28", "2025-03-28T07:00:00Z")] // Friday before the spring change (30 March)
    [InlineData("2025-03-29", "2025-03-31T06:00:00Z")] // Saturday → Monday, now summer time
    [InlineData("2025-03-30", "2025-03-31T06:00:00Z")] // the change day itself, a Sunday
    [InlineData("2025-03-31", "2025-03-31T06:00:00Z")]
    [InlineData("2025-10-24", "2025-10-24T06:00:00Z")] // Friday before the autumn change (26 October)
    [InlineData("2025-10-25", "2025-10-27T07:00:00Z")] // Saturday → Monday, now winter time
    [InlineData("2025-10-27", "2025-10-27T07:00:00Z")]
    [InlineData("2026-03-27", "2026-03-27T07:00:00Z")] // 2026: change on 29 March
    [InlineData("2026-03-30", "2026-03-30T06:00:00Z")]
    [InlineData("2026-10-23", "2026-10-23T06:00:00Z")] // 2026: change on 25 October
    [InlineData("2026-10-26", "2026-10-26T07:00:00Z")]
    [InlineData("2025-12-24", "2025-12-29T07:00:00Z")] // Christmas Eve → Monday after Christmas
    [InlineData("2025-06-20", "2025-06-23T06:00:00Z")] // Midsummer Eve → Monday
    public void A_reminder_goes_out_at_nine_Helsinki_time_on_the_next_working_day(string due, string expectedUtc)
    {
        var at = FinnishCalendar.ReminderAt(D(due));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(9, TimeZoneInfo.ConvertTime(at, FinnishCalendar.Helsinki).Hour);
    }

    [Fact]
    public void The_reminder_hour_can_be_chosen()
    {
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 10, 0, 0, TimeSpan.Zero), FinnishCalendar.ReminderAt(D("2025-07-01"), 13));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 11, 0, 0, TimeSpan.Zero), FinnishCalendar.ReminderAt(D("2025-01-01"), 13));
    }

    [Fact]
    public void An_hour_skipped_in_spring_is_read_as_the_hour_after_it()
    {
        // 30 March 2025: clocks go from 03:00 to 04:00; 03:00 local does not exist.
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), FinnishCalendar.At(D("2025-03-30"), 3));
    }

    [Fact]
    public void An_hour_repeated_in_autumn_is_its_first_occurrence()
    {
        // 26 October 2025: 03:00–04:00 local happens twice; the summer-time one is 00:00Z.
        Assert.Equal(new DateTimeOffset(2025, 10, 26, 0, 0, 0, TimeSpan.Zero), FinnishCalendar.At(D("2025-10-26"), 3));
    }

    [Theory]
    [InlineData("2025-03-29T21:59:59Z", "2025-03-29")]
    [InlineData("2025-03-29T22:00:00Z", "2025-03-30")] // midnight in winter time is 22:00Z
    [InlineData("2025-06-30T20:59:59Z", "2025-06-30")]
    [InlineData("2025-06-30T21:00:00Z", "2025-07-01")] // midnight in summer time is 21:00Z
    public void The_Helsinki_date_of_an_instant(string instant, string expected) =>
        Assert.Equal(D(expected), FinnishCalendar.DateIn(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
}
