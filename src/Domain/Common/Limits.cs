namespace Referrals.Domain.Common;

/// <summary>The one source of the size and range limits of what comes in: the domain's shape checks
/// (<c>Input</c>) and the edge's field checks both read these, so a value the edge lets through is never
/// refused by the domain for its size, and the other way round.</summary>
public static class Limits
{
    /// <summary>Ids and codes: profile, service type, unit, client id, attachment id.</summary>
    public const int MaxId = 100;

    /// <summary>One line of text: a goal, a contact person or details, a provider, a redirect target.</summary>
    public const int MaxShortText = 500;

    /// <summary>Free text: reasons, summaries, notes, assessments.</summary>
    public const int MaxText = 10_000;

    /// <summary>Goals in one submission.</summary>
    public const int MaxGoals = 30;

    /// <summary>Dates outside this range are typing mistakes, and keep the calendar arithmetic safe.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2200, 12, 31);
}
