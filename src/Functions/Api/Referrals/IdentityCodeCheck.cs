using System.Globalization;

namespace Referrals.Functions.Api.Referrals;

/// <summary>henkilötunnus: checks a Finnish personal identity code (DDMMYY, century sign, individual
/// number, check character) and yields the birth date. Stand-in until the Domain's PersonalIdentityCode
/// lands; the code is only ever held in memory for the duration of the submit request.</summary>
public static class IdentityCodeCheck
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    public static bool TryBirthDate(string? code, out DateOnly birthDate)
    {
        birthDate = default;
        if (code is null) return false;
        var c = code.Trim().ToUpperInvariant();
        if (c.Length != 11) return false;
        int? century = c[6] switch
        {
            '+' => 1800,
            '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
            'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
            _ => null,
        };
        if (century is null) return false;
        if (!int.TryParse(c.AsSpan(0, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var dateDigits)) return false;
        if (!int.TryParse(c.AsSpan(7, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var individual) || individual < 2) return false;
        var day = dateDigits / 10000;
        var month = dateDigits / 100 % 100;
        var year = century.Value + dateDigits % 100;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var number = (long)dateDigits * 1000 + individual;
        if (CheckCharacters[(int)(number % 31)] != c[10]) return false;
        birthDate = new DateOnly(year, month, day);
        return true;
    }
}
