using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Referrals.Domain.Clients;

namespace Referrals.Domain.Tests.Clients;

public class PersonalIdentityCodeProperties
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>A valid code built from its parts: a date 1800–2099, a century sign that fits it, an
    /// individual number 002–899, and the check character from the test's own arithmetic.</summary>
    private static readonly Arbitrary<(string Text, DateOnly BirthDate, int Individual)> ValidCodes =
        (from days in Gen.Choose(0, new DateOnly(2099, 12, 31).DayNumber - new DateOnly(1800, 1, 1).DayNumber)
         let date = DateOnly.FromDayNumber(new DateOnly(1800, 1, 1).DayNumber + days)
         from sign in Gen.Elements(SignsFor(date.Year))
         from individual in Gen.Choose(2, 899)
         select (PersonalIdentityCodeTests.Build(date.Day, date.Month, date.Year % 100, sign, individual), date, individual))
        .ToArbitrary();

    private static char[] SignsFor(int year) =>
        (year < 1900 ? "+" : year < 2000 ? "-YXWVU" : "ABCDEF").ToCharArray();

    [Property(MaxTest = 500)]
    public Property A_generated_valid_code_parses_and_round_trips() =>
        Prop.ForAll(ValidCodes, x =>
            PersonalIdentityCode.TryParse(x.Text, out var code, out _)
            && code.Value == x.Text
            && code.BirthDate == x.BirthDate
            && code.IndividualNumber == x.Individual
            && PersonalIdentityCode.TryParse(code.Value, out var again, out _)
            && again.Equals(code));

    [Property(MaxTest = 200)]
    public Property Any_other_check_character_fails_the_checksum() =>
        Prop.ForAll(ValidCodes, x =>
            CheckCharacters.Where(c => c != x.Text[10]).All(c =>
                !PersonalIdentityCode.TryParse(x.Text[..10] + c, out _, out var reason)
                && reason == PersonalIdentityCodeError.Checksum));

    [Property(MaxTest = 200)]
    public Property Any_single_changed_digit_of_the_number_fails() =>
        Prop.ForAll(ValidCodes, Gen.Elements(0, 1, 2, 3, 4, 5, 7, 8, 9).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (x, position, shift) =>
        {
            var chars = x.Text.ToCharArray();
            chars[position] = (char)('0' + (chars[position] - '0' + shift) % 10);
            return !PersonalIdentityCode.TryParse(new string(chars), out _, out _);
        });
}
