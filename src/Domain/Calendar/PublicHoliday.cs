namespace Referrals.Domain.Calendar;

/// <summary>The days on which Finnish offices are closed: the church and civic holidays (pyhäpäivät),
/// Independence Day, May Day, and the two eves that the Act on the Computation of Time Limits
/// (150/1930, § 5) names alongside them, Midsummer Eve and Christmas Eve. Stored by name: never rename.</summary>
public enum Holiday
{
    NewYearsDay,
    Epiphany,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    MayDay,
    AscensionDay,
    WhitSunday,
    MidsummerEve,
    MidsummerDay,
    AllSaintsDay,
    IndependenceDay,
    ChristmasEve,
    ChristmasDay,
    StStephensDay,
}

/// <summary>A holiday on its date in a given year, with its names from the text resources.</summary>
public sealed record PublicHoliday(DateOnly Date, Holiday Kind)
{
    /// <summary>The name in a language (fi, sv, en), e.g. Juhannusaatto / Midsommarafton.</summary>
    public string Name(string language) => Texts.Get($"holiday.{Kind}", language);

    public string NameFi => Name("fi");

    public string NameSv => Name("sv");
}
