using Referrals.Domain.Calendar;

namespace Referrals.Domain.Decisions;

/// <summary>How a signed decision reached the client (tiedoksianto).</summary>
public enum NotificationMethod
{
    /// <summary>Ordinary letter: deemed received on the 7th day after sending (HL § 59).</summary>
    Letter,
    /// <summary>Electronically, with the client's consent: deemed received on the 3rd day after sending (Act 13/2003 § 19).</summary>
    Electronic,
    /// <summary>Handed over in person against an acknowledgement: received that day.</summary>
    InPerson,
}

/// <summary>The notification as recorded, and the dates that follow from it by law: the true sending (or
/// handing-over) date, the day the client is deemed to have received the decision, and the last day a
/// request for review may arrive.</summary>
public sealed record DecisionNotification(NotificationMethod Method, DateOnly SentOn, DateOnly DeemedOn, DateOnly ReviewPeriodEndsOn);

/// <summary>The time limits of notification and review, as the law sets them (not county settings).</summary>
public static class NotificationLaw
{
    /// <summary>HL (434/2003) § 59: a letter is deemed received on the seventh day after it was sent.</summary>
    public const int LetterDeemedAfterDays = 7;

    /// <summary>Act on Electronic Services and Communication in the Public Sector (13/2003) § 19: the third day.</summary>
    public const int ElectronicDeemedAfterDays = 3;

    /// <summary>HL § 49 c: a request for review is made within 30 days of notification.</summary>
    public const int ReviewPeriodDays = 30;

    /// <summary>The deemed notification day and the last day of the review period. The period is counted
    /// with Act 150/1930: the day of notification is not counted (§ 2), and a last day on a Saturday, a
    /// Sunday, a public holiday, May Day, Midsummer Eve or Christmas Eve moves to the next working day (§ 5).
    /// The deemed day itself does not move: it is a presumption of receipt, not a time limit.</summary>
    public static DecisionNotification For(NotificationMethod method, DateOnly sentOn, int reviewPeriodDays = ReviewPeriodDays)
    {
        var deemed = method switch
        {
            NotificationMethod.Letter => sentOn.AddDays(LetterDeemedAfterDays),
            NotificationMethod.Electronic => sentOn.AddDays(ElectronicDeemedAfterDays),
            NotificationMethod.InPerson => sentOn,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown notification method"),
        };
        return new DecisionNotification(method, sentOn, deemed, LastDayOfReview(deemed, reviewPeriodDays));
    }

    /// <summary>The last day a request for review may arrive, for a decision notified on <paramref name="deemedOn"/>.</summary>
    public static DateOnly LastDayOfReview(DateOnly deemedOn, int reviewPeriodDays = ReviewPeriodDays) =>
        FinnishCalendar.NextWorkingDayOnOrAfter(deemedOn.AddDays(reviewPeriodDays));
}
