using System.Collections.Immutable;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Tests.Support;

/// <summary>Known event lists that bring a referral (Vantaa steering-group profile) to each status.
/// Day 0 is Monday 2 February 2026 at 10:00 in Helsinki; the service starts on 2 March 2026.</summary>
public static class History
{
    public static readonly DateTimeOffset T0 = FinnishCalendar.At(new DateOnly(2026, 2, 2), 10);
    public static readonly DateOnly RequestedStart = new(2026, 3, 2);
    public static readonly DateOnly ServiceStart = new(2026, 3, 2);
    public static readonly DateOnly SignedOn = new(2026, 2, 6);

    public static DateTimeOffset Day(int day, int hours = 0) => T0.AddDays(day).AddHours(hours);

    public static T Stamp<T>(T @event, int day, Actor by) where T : ReferralEvent => @event with { At = Day(day), By = by };

    public static ReferralSubmitted Submitted(string profile = Process.SteeringGroup, string reviewBody = Process.SteeringGroup) =>
        Stamp(new ReferralSubmitted(profile, reviewBody, "client-1", new DateOnly(1990, 5, 5), "sr-everyday-coaching",
            "Asiakas tarvitsee tukea arjen hallintaan.", ImmutableList.Create("Päivärytmi", "Ryhmään osallistuminen"),
            RequestedStart, null), 0, Actors.Worker);

    public static DecisionDraft GrantingDraft => new(DecisionKind.Granting, "sr-everyday-coaching", "SHL-17", "Tarve arvioitu.",
        ServiceStart, new DateOnly(2026, 12, 31), 6, "Sosiaalityöntekijä", "09 123 456", Actors.Worker.UserId);

    public static DecisionDraft RefusingDraft => new(DecisionKind.Refusing, "sr-everyday-coaching", "SHL-17", "Ei tarvetta.",
        null, null, null, "Sosiaalityöntekijä", "09 123 456", Actors.Worker.UserId);

    public static readonly ReferralEvent[] AwaitingReview = [Submitted()];

    /// <summary>Espoo: no review body; the case owner and the team's counsellor assessed the need together (the joint
    /// assessment), so the worker may draft.</summary>
    public static readonly ReferralEvent[] EspooAssessed =
    [
        Submitted(Process.Espoo, ""),
        Stamp(new JointAssessmentRecorded(FinnishCalendar.DateIn(Day(1)), "counsellor-1", "Ryhmätoiminta sopii."), 1, Actors.Worker),
    ];

    public static readonly ReferralEvent[] AwaitingInformation =
        [.. AwaitingReview, Stamp(new InformationRequested("Mikä on tilanne?", new DateOnly(2026, 2, 18)), 2, Actors.SteeringGroupMember)];

    public static readonly ReferralEvent[] AwaitingGrantingDraft =
        [.. AwaitingReview, Stamp(new ReferralApproved("Tarve on selvä."), 2, Actors.SteeringGroupMember)];

    public static readonly ReferralEvent[] AwaitingRefusingDraft =
        [.. AwaitingReview, Stamp(new ReferralRefused("Muu palvelu sopii paremmin."), 2, Actors.SteeringGroupMember)];

    public static readonly ReferralEvent[] AwaitingSignature =
        [.. AwaitingGrantingDraft, Stamp(new DecisionDrafted(1, GrantingDraft), 3, Actors.Worker)];

    /// <summary>Signed, not yet sent to the client.</summary>
    public static readonly ReferralEvent[] SignedNotNotified =
        [.. AwaitingSignature, Stamp(new DecisionSigned(1, "hash-1", SignedOn), 4, Actors.Signer)];

    /// <summary>The decision sent by letter on the signing day: deemed notified a week later (Friday 13
    /// February), the review period to Monday 16 March (30 days end on a Sunday).</summary>
    public static ReferralEvent LetterSent =>
        Stamp(Notified(NotificationLaw.For(NotificationMethod.Letter, SignedOn)), 4, Actors.Worker);

    public static DecisionNotified Notified(DecisionNotification n) => new(n.Method, n.SentOn, n.DeemedOn, n.ReviewPeriodEndsOn);

    public static readonly ReferralEvent[] AwaitingServiceStart = [.. SignedNotNotified, LetterSent];

    public static readonly ReferralEvent[] ServiceActive =
        [.. AwaitingServiceStart, Stamp(new ServiceStarted(ServiceStart, "Palveluntuottaja Oy") { ProviderUnit = Actors.ProviderUnit, ProviderKind = ProviderKind.Purchased }, 28, Actors.Worker)];

    /// <summary>A refusal signed, not yet sent to the client.</summary>
    public static readonly ReferralEvent[] RefusedNotNotified =
    [
        .. AwaitingRefusingDraft, Stamp(new DecisionDrafted(1, RefusingDraft), 3, Actors.Worker),
        Stamp(new DecisionSigned(1, "hash-1", SignedOn), 4, Actors.Signer),
    ];

    public static readonly ReferralEvent[] Refused = [.. RefusedNotNotified, LetterSent];

    /// <summary>The client asked for review of the refusal in time and the review body changed it: the
    /// refusal's new version is to be drafted.</summary>
    public static readonly ReferralEvent[] AwaitingChangedDraft =
    [
        .. Refused,
        Stamp(new RequestForReviewReceived(new DateOnly(2026, 2, 20), RequestForReviewBy.Client, InTime: true), 18, Actors.Worker),
        Stamp(new RequestForReviewDecided(RequestForReviewOutcome.Changed, new DateOnly(2026, 3, 2), "Tarve on osoitettu.") { NewVersionFollows = true }, 28, Actors.Worker),
    ];

    public static readonly ReferralEvent[] Closed =
        [.. ServiceActive, Stamp(new ServiceClosed(new DateOnly(2026, 3, 9), "Tavoitteet saavutettu.", true), 35, Actors.Worker)];

    /// <summary>The last day of a service ended early by an ending decision (<see cref="EndingDraft"/>).</summary>
    public static readonly DateOnly EndingLastDay = new(2026, 6, 30);

    /// <summary>An ending decision (lopettamispäätös) on <see cref="ServiceActive"/>'s service: its last day 30 June 2026.</summary>
    public static DecisionDraft EndingDraft(EndingReason reason = EndingReason.GoalsMet, int? changes = null) =>
        new(DecisionKind.Ending, "sr-everyday-coaching", "SHL-17", "Tavoitteet on saavutettu.", null, EndingLastDay, null,
            "Sosiaalityöntekijä", "09 123 456", Actors.Worker.UserId)
        { EndingReason = reason, Changes = changes };

    /// <summary><see cref="ServiceActive"/> with the ending decision drafted on 2 June 2026 (day 120).</summary>
    public static ReferralEvent[] EndingDrafted(EndingReason reason = EndingReason.GoalsMet) =>
        [.. ServiceActive, Stamp(new DecisionDrafted(2, EndingDraft(reason)), 120, Actors.Worker)];

    /// <summary>… and signed on 3 June 2026 (day 121).</summary>
    public static ReferralEvent[] EndingSigned(EndingReason reason = EndingReason.GoalsMet) =>
        [.. EndingDrafted(reason), Stamp(new DecisionSigned(2, "hash-2", new DateOnly(2026, 6, 3)), 121, Actors.Signer)];

    /// <summary>Helsinki: submitted with no review body; the case owner writes the service into the client plan (no § 17 decision).</summary>
    public static readonly ReferralEvent[] HelsinkiSubmitted =
    [
        Stamp(new ReferralSubmitted(Process.Helsinki, "", "client-1", new DateOnly(1995, 5, 5), "sr-group-activity",
            "Asiakas hyötyy ryhmätoiminnasta.", ImmutableList.Create("Ryhmään osallistuminen"), ServiceStart, null), 0, Actors.HelsinkiWorker),
    ];

    public static readonly ReferralEvent[] Withdrawn = [.. AwaitingReview, Stamp(new ReferralWithdrawn("Asiakas muutti."), 1, Actors.Worker)];

    public static readonly ReferralEvent[] Redirected =
        [.. AwaitingReview, Stamp(new ReferralRedirected("Kuntouttava työtoiminta", "Sopii paremmin."), 2, Actors.SteeringGroupMember)];

    /// <summary>The same history for another client (e.g. one whose client record a test stores).</summary>
    public static ReferralEvent[] ForClient(this IEnumerable<ReferralEvent> events, string clientId) =>
        [.. events.Select(e => e is ReferralSubmitted s ? s with { ClientId = clientId } : e)];

    /// <summary>The same history elsewhere: submitted by <see cref="Actors.OtherUnitWorker"/> under the Vantaa Steppi
    /// profile (the Steppi team reviews, <see cref="Actors.OtherUnitSigner"/> signs, a service of at most 6 months
    /// without ESY re-measurement), its service given by <see cref="Actors.OwnProviderUnit"/>: a referral that no
    /// actor of the first unit, review body or provider unit reaches.</summary>
    public static ReferralEvent[] Elsewhere(this IEnumerable<ReferralEvent> events) =>
    [
        .. events.Select(e => (e switch
        {
            ReferralSubmitted s => s with { ProfileId = Process.Steppi, ReviewBodyId = Process.SteppiTeam },
            DecisionDrafted { Draft.Kind: DecisionKind.Granting } d => d with
            {
                Draft = d.Draft with { End = ServiceStart.AddMonths(6).AddDays(-1), EsyRemeasurementMonth = null },
            },
            ServiceStarted started => started with { ProviderUnit = Actors.OwnProviderUnit, ProviderKind = ProviderKind.Own },
            _ => e,
        }) with { By = OtherOf(e.By) }),
    ];

    private static Actor OtherOf(Actor actor) =>
        actor == Actors.Worker ? Actors.OtherUnitWorker
        : actor == Actors.Signer ? Actors.OtherUnitSigner
        : actor == Actors.SteeringGroupMember ? Actors.SteppiTeamMember
        : actor;

    /// <summary>A known event list for every status.</summary>
    public static IReadOnlyList<ReferralEvent> To(ReferralStatus status) => status switch
    {
        ReferralStatus.None => [],
        ReferralStatus.AwaitingReview => AwaitingReview,
        ReferralStatus.AwaitingInformation => AwaitingInformation,
        ReferralStatus.AwaitingGrantingDraft => AwaitingGrantingDraft,
        ReferralStatus.AwaitingRefusingDraft => AwaitingRefusingDraft,
        ReferralStatus.AwaitingSignature => AwaitingSignature,
        ReferralStatus.AwaitingServiceStart => AwaitingServiceStart,
        ReferralStatus.ServiceActive => ServiceActive,
        ReferralStatus.Refused => Refused,
        ReferralStatus.Closed => Closed,
        ReferralStatus.Withdrawn => Withdrawn,
        ReferralStatus.Redirected => Redirected,
        ReferralStatus.AwaitingChangedDraft => AwaitingChangedDraft,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
