using System.Text.RegularExpressions;
using System.Diagnostics.CodeAnalysis;

namespace Referrals.Domain.Clients;

/// <summary>Why a string is not a valid personal identity code. Stored and shown by name.</summary>
public enum PersonalIdentityCodeError
{
    /// <summary>Not eleven characters of the form DDMMYY, century sign, three digits, check character.</summary>
    Format,
    /// <summary>DDMMYY with the century is not a real calendar date.</summary>
    Date,
    /// <summary>The individual number is outside 002–899 (900–999 are temporary codes).</summary>
    IndividualNumber,
    /// <summary>The check character does not match.</summary>
    Checksum,
}

public static class PersonalIdentityCodeErrors
{
    /// <summary>The message for the person who typed the code (fi, sv, en).</summary>
    public static string Message(this PersonalIdentityCodeError error, string language = "fi") =>
        Texts.Get($"identityCode.{error}", language);
}

/// <summary>A validated Finnish personal identity code (henkilötunnus), in the form DDMMYYCZZZQ: birth
/// date, century sign, individual number, check character. The century signs are those in use since
/// 2023: + for the 1800s; - Y X W V U for the 1900s; A B C D E F for the 2000s.
/// <para>The code is sensitive: it is used at the edge only, to check the client and derive the birth
/// date; the process refers to the client by an opaque id. So <see cref="ToString"/> never prints it,
/// and the one place that must read it says so by using <see cref="Value"/>.</para></summary>
public sealed partial class PersonalIdentityCode : IEquatable<PersonalIdentityCode>
{
    /// <summary>What ToString gives instead of the code, so that a code in a log line or an
    /// interpolated message shows as masked, not even the birth date leaking.</summary>
    public const string Masked = "DDMMYY-****";

    /// <summary>The check characters, indexed by the nine-digit number modulo 31.</summary>
    internal const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    private PersonalIdentityCode(string value, DateOnly birthDate, int individualNumber)
    {
        Value = value;
        BirthDate = birthDate;
        IndividualNumber = individualNumber;
    }

    /// <summary>The code itself, eleven characters, upper case. Read it only where the code must be
    /// shown or matched (the client register); never log it or put it in a URL, e-mail or event.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    /// <summary>The three-digit individual number (yksilönumero), 002–899 (900–999 only when
    /// temporary numbers were allowed).</summary>
    public int IndividualNumber { get; }

    /// <summary>Completed years of age on a date. A person born on 29 February completes a year on
    /// 28 February in a common year (Act on the Computation of Time Limits 150/1930, § 4: when the
    /// corresponding day is missing, the last day of the month). Zero before the birth date.</summary>
    public int AgeOn(DateOnly date) => AgeOn(BirthDate, date);

    /// <summary>The same rule for a birth date already derived (the process keeps the date, not the code).</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate) return 0;
        var age = date.Year - birthDate.Year;
        if (birthDate.AddYears(age) > date) age--;
        return age;
    }

    /// <summary>Validates a code: form, century sign, real date, individual number 002–899, check
    /// character. Surrounding spaces are ignored and lower case is accepted.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out PersonalIdentityCode? code,
        [NotNullWhen(false)] out PersonalIdentityCodeError? reason) =>
        TryParse(text, allowTemporaryNumbers: false, out code, out reason);

    /// <summary>As <see cref="TryParse(string?, out PersonalIdentityCode?, out PersonalIdentityCodeError?)"/>,
    /// optionally also accepting individual numbers 900–999: those are never given to a person but
    /// are used for temporary codes and in DVV's published examples (010594Y9021).</summary>
    public static bool TryParse(
        string? text,
        bool allowTemporaryNumbers,
        [NotNullWhen(true)] out PersonalIdentityCode? code,
        [NotNullWhen(false)] out PersonalIdentityCodeError? reason)
    {
        code = null;
        reason = Check(text, allowTemporaryNumbers ? 999 : 899, out var value, out var birthDate, out var individual);
        if (reason is not null) return false;
        code = new PersonalIdentityCode(value, birthDate, individual);
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    /// <summary>The check character for a birth date part and individual number, e.g. "131052" and
    /// 308 give 'T'.</summary>
    public static char CheckCharacter(string ddmmyy, int individualNumber) =>
        CheckCharacters[(int)(long.Parse(ddmmyy + individualNumber.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.CultureInfo.InvariantCulture) % 31)];

    /// <summary>The 1800s, 1900s or 2000s for a century sign, or null for a character that is not one.</summary>
    public static int? CenturyOf(char sign) => sign switch
    {
        '+' => 1800,
        '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
        'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
        _ => null,
    };

    private static PersonalIdentityCodeError? Check(string? text, int maxIndividual, out string value, out DateOnly birthDate, out int individual)
    {
        value = (text ?? "").Trim().ToUpperInvariant();
        birthDate = default;
        individual = 0;
        if (value.Length != 11 || !AllDigits(value.AsSpan(0, 6)) || !AllDigits(value.AsSpan(7, 3))
            || CenturyOf(value[6]) is not { } century || !CheckCharacters.Contains(value[10]))
            return PersonalIdentityCodeError.Format;

        var day = Number(value, 0, 2);
        var month = Number(value, 2, 2);
        var year = century + Number(value, 4, 2);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return PersonalIdentityCodeError.Date;
        birthDate = new DateOnly(year, month, day);

        individual = Number(value, 7, 3);
        if (individual < 2 || individual > maxIndividual) return PersonalIdentityCodeError.IndividualNumber;

        if (CheckCharacter(value[..6], individual) != value[10]) return PersonalIdentityCodeError.Checksum;
        return null;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    private static int Number(string s, int start, int length)
    {
        var n = 0;
        for (var i = start; i < start + length; i++) n = n * 10 + (s[i] - '0');
        return n;
    }

    /// <summary>Never the code: see <see cref="Masked"/>.</summary>
    public override string ToString() => Masked;

    public bool Equals(PersonalIdentityCode? other) => other is not null && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as PersonalIdentityCode);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Whether the text holds something shaped like an identity code (the date, a century sign,
    /// three digits and a check character, not inside a longer run of digits or letters), valid or not.
    /// The one pattern for finding codes in free text, file names and fields where none may be.</summary>
    public static bool AppearsIn(string text) => Shape().IsMatch(text);

    /// <summary>The text with everything shaped like an identity code replaced by <paramref name="mask"/>.</summary>
    public static string MaskIn(string text, string mask) => Shape().Replace(text, mask);

    [GeneratedRegex(@"(?<![0-9])[0-3][0-9][01][0-9][0-9]{2}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![0-9A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
