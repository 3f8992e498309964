using System.Globalization;
using Referrals.Domain.Clients;

namespace Referrals.Domain.Tests.Clients;

public class PersonalIdentityCodeTests
{
    /// <summary>The check character computed here by plain arithmetic, independently of the code under
    /// test: the nine digits DDMMYYZZZ as one number, modulo 31, looked up in the published table.</summary>
    internal static char Check(int day, int month, int yy, int individual)
    {
        var n = day * 10_000_000L + month * 100_000L + yy * 1_000L + individual;
        return "0123456789ABCDEFHJKLMNPRSTUVWXY"[(int)(n % 31)];
    }

    internal static string Build(int day, int month, int yy, char sign, int individual) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:D2}{month:D2}{yy:D2}{sign}{individual:D3}{Check(day, month, yy, individual)}");

    private static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static PersonalIdentityCode Parse(string text)
    {
        Assert.True(PersonalIdentityCode.TryParse(text, out var code, out var reason), $"rejected: {reason}");
        return code;
    }

    private static PersonalIdentityCodeError Reject(string? text)
    {
        Assert.False(PersonalIdentityCode.TryParse(text, out var code, out var reason));
        Assert.Null(code);
        return reason!.Value;
    }

    [Theory]
    [InlineData("131052-308T", "1952-10-13", 308)] // DVV's long-standing example
    [InlineData("290200A717E", "2000-02-29", 717)] // a leap day in 2000
    public void Published_examples_parse(string text, string birthDate, int individual)
    {
        var code = Parse(text);
        Assert.Equal(text, code.Value);
        Assert.Equal(D(birthDate), code.BirthDate);
        Assert.Equal(individual, code.IndividualNumber);
    }

    [Fact]
    public void The_check_character_of_the_examples_agrees_with_independent_arithmetic()
    {
        Assert.Equal('T', Check(13, 10, 52, 308));
        Assert.Equal('E', Check(29, 2, 0, 717));
        Assert.Equal('T', PersonalIdentityCode.CheckCharacter("131052", 308));
    }

    /// <summary>DVV illustrates the new century signs with 010594Y9032 and 010594Y9021: 1 May 1994, the
    /// same as with '-'. Their individual numbers are in the 900 range, never given to a person, so a
    /// strict parse refuses them for that reason only, and a parse that allows temporary numbers
    /// accepts them.</summary>
    [Theory]
    [InlineData("010594Y9032", 903)]
    [InlineData("010594Y9021", 902)]
    public void The_DVV_new_century_sign_examples(string text, int individual)
    {
        Assert.Equal(PersonalIdentityCodeError.IndividualNumber, Reject(text));
        Assert.True(PersonalIdentityCode.TryParse(text, allowTemporaryNumbers: true, out var code, out _));
        Assert.Equal(new DateOnly(1994, 5, 1), code.BirthDate);
        Assert.Equal(individual, code.IndividualNumber);
        Assert.True(PersonalIdentityCode.TryParse(text.Replace('Y', '-'), allowTemporaryNumbers: true, out var dash, out _));
        Assert.Equal(code.BirthDate, dash.BirthDate);
        Assert.NotEqual(code, dash); // same birth date and number, but two different people's codes
    }

    [Theory]
    [InlineData('+', 1800)]
    [InlineData('-', 1900)]
    [InlineData('Y', 1900)]
    [InlineData('X', 1900)]
    [InlineData('W', 1900)]
    [InlineData('V', 1900)]
    [InlineData('U', 1900)]
    [InlineData('A', 2000)]
    [InlineData('B', 2000)]
    [InlineData('C', 2000)]
    [InlineData('D', 2000)]
    [InlineData('E', 2000)]
    [InlineData('F', 2000)]
    public void Every_century_sign_in_use_since_2023(char sign, int century)
    {
        var code = Parse(Build(15, 8, 47, sign, 123));
        Assert.Equal(new DateOnly(century + 47, 8, 15), code.BirthDate);
    }

    [Theory]
    [InlineData('G')]
    [InlineData('Z')]
    [InlineData('/')]
    [InlineData('*')]
    public void Other_century_signs_are_a_format_error(char sign) =>
        Assert.Equal(PersonalIdentityCodeError.Format, Reject(Build(15, 8, 47, sign, 123)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("131052-308")]
    [InlineData("131052-308TT")]
    [InlineData("13105-2308T")]
    [InlineData("1310a2-308T")]
    [InlineData("131052-3O8T")]
    [InlineData("131052-308G")] // G is not a check character
    [InlineData("131052-308I")]
    [InlineData("131052 308T")]
    public void Malformed_text_is_a_format_error(string? text) =>
        Assert.Equal(PersonalIdentityCodeError.Format, Reject(text));

    [Fact]
    public void Spaces_around_and_lower_case_are_accepted()
    {
        Assert.Equal("131052-308T", Parse(" 131052-308t ").Value);
        Assert.Equal("290200A717E", Parse("290200a717e").Value);
    }

    [Theory]
    [InlineData(29, 2, 0, '-')]  // 1900 was not a leap year
    [InlineData(29, 2, 1, 'A')]  // 2001 was not
    [InlineData(29, 2, 0, '+')]  // 1800 was not
    [InlineData(30, 2, 96, '-')]
    [InlineData(31, 4, 90, '-')]
    [InlineData(32, 1, 90, '-')]
    [InlineData(0, 1, 90, '-')]
    [InlineData(1, 0, 90, '-')]
    [InlineData(1, 13, 90, '-')]
    public void A_date_that_does_not_exist_is_a_date_error(int day, int month, int yy, char sign) =>
        Assert.Equal(PersonalIdentityCodeError.Date, Reject(Build(day, month, yy, sign, 234)));

    [Theory]
    [InlineData(29, 2, 96, '-', 1996)]
    [InlineData(29, 2, 0, 'A', 2000)]
    [InlineData(29, 2, 4, 'B', 2004)]
    [InlineData(29, 2, 96, '+', 1896)]
    public void Leap_days_parse_in_leap_years(int day, int month, int yy, char sign, int year) =>
        Assert.Equal(new DateOnly(year, month, day), Parse(Build(day, month, yy, sign, 234)).BirthDate);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(900)]
    [InlineData(999)]
    public void An_individual_number_outside_002_to_899_is_refused(int individual) =>
        Assert.Equal(PersonalIdentityCodeError.IndividualNumber, Reject(Build(1, 1, 90, '-', individual)));

    [Theory]
    [InlineData(2)]
    [InlineData(899)]
    public void The_ends_of_the_individual_number_range_are_accepted(int individual) =>
        Assert.Equal(individual, Parse(Build(1, 1, 90, '-', individual)).IndividualNumber);

    [Theory]
    [InlineData("131052-308U")]
    [InlineData("131052-308S")]
    [InlineData("290200A7170")]
    public void A_wrong_check_character_is_a_checksum_error(string text) =>
        Assert.Equal(PersonalIdentityCodeError.Checksum, Reject(text));

    [Fact]
    public void A_changed_digit_is_caught_by_the_checksum()
    {
        Assert.Equal(PersonalIdentityCodeError.Checksum, Reject("131052-309T"));
        Assert.Equal(PersonalIdentityCodeError.Checksum, Reject("131053-308T"));
    }

    [Fact]
    public void Every_reason_has_a_message_in_every_language()
    {
        foreach (var error in Enum.GetValues<PersonalIdentityCodeError>())
        foreach (var lang in Texts.Languages)
            Assert.NotEqual($"identityCode.{error}", error.Message(lang));
    }

    [Fact]
    public void ToString_and_interpolation_never_show_the_code()
    {
        var code = Parse("131052-308T");
        Assert.Equal("DDMMYY-****", code.ToString());
        var logLine = $"client {code} checked";
        Assert.DoesNotContain("131052", logLine);
        Assert.DoesNotContain("308T", logLine);
    }

    [Fact]
    public void Codes_are_equal_by_value()
    {
        Assert.Equal(Parse("131052-308T"), Parse("131052-308t"));
        Assert.Equal(Parse("131052-308T").GetHashCode(), Parse(" 131052-308T").GetHashCode());
        Assert.NotEqual(Parse(Build(1, 1, 90, '-', 234)), Parse(Build(1, 1, 90, 'Y', 234)));
    }
}
