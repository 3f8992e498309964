using System.Globalization;
using Referrals.Domain.Clients;

namespace Referrals.Domain.Tests.Clients;

public class AgeTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static PersonalIdentityCode Code(string text)
    {
        Assert.True(PersonalIdentityCode.TryParse(text, out var code, out _));
        return code;
    }

    [Theory]
    [InlineData("2018-10-12", 65)] // the day before the 66th birthday
    [InlineData("2018-10-13", 66)] // the birthday
    [InlineData("2018-10-14", 66)]
    [InlineData("1952-10-13", 0)]
    [InlineData("1953-10-12", 0)]
    [InlineData("1953-10-13", 1)]
    [InlineData("1950-01-01", 0)] // before birth
    public void Age_in_completed_years_around_a_birthday(string on, int expected) =>
        Assert.Equal(expected, Code("131052-308T").AgeOn(D(on)));

    [Theory]
    [InlineData("2018-02-27", 17)]
    [InlineData("2018-02-28", 18)] // common year: the last day of February
    [InlineData("2018-03-01", 18)]
    [InlineData("2020-02-28", 19)] // leap year: the real birthday is the next day
    [InlineData("2020-02-29", 20)]
    [InlineData("2064-02-28", 63)]
    [InlineData("2064-02-29", 64)]
    [InlineData("2065-02-28", 65)]
    public void A_leap_day_birthday(string on, int expected) =>
        Assert.Equal(expected, Code("290200A717E").AgeOn(D(on)));

    [Fact]
    public void Steppi_age_range_edges_for_a_client_born_in_2007()
    {
        var code = Code(PersonalIdentityCodeTests.Build(15, 6, 7, 'A', 456));
        Assert.Equal(17, code.AgeOn(D("2025-06-14")));
        Assert.Equal(18, code.AgeOn(D("2025-06-15")));
        Assert.Equal(code.AgeOn(D("2025-06-15")), PersonalIdentityCode.AgeOn(code.BirthDate, D("2025-06-15")));
    }
}
