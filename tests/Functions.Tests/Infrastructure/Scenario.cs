using System.Collections.Immutable;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>People and valid commands of the Vantaa steering-group process, for the runtime tests.</summary>
public static class Scenario
{
    public const string Profile = "vantaa-steering-group";
    public const string Unit = "vantaa-adult-social-work";

    /// <summary>Monday 2 February 2026, 10:00 in Helsinki.</summary>
    public static readonly DateTimeOffset Start = FinnishCalendar.At(new DateOnly(2026, 2, 2), 10);

    public static readonly Actor Worker = new("worker-1", Role.ReferringWorker, Unit);
    public static readonly Actor Member = new("member-1", Role.ReviewBodyMember, Profile);
    public static readonly Actor Signer = new("leader-1", Role.Signer, Unit);

    public static SubmitReferral Submit() =>
        new(Profile, "client-1", new DateOnly(1990, 5, 5), "sr-everyday-coaching", "Asiakas tarvitsee tukea arjen hallintaan.",
            ImmutableList.Create("Päivärytmi"), new DateOnly(2026, 3, 2)) { By = Worker };

    public static ReviewReferral Approve() => new(ReviewOutcome.Approve, "Tarve on selvä.") { By = Member };

    public static DraftDecision Draft(DateOnly start, DateOnly end, int esyMonth = 6) =>
        new(DecisionKind.Granting, "Perustelut.", start, end, esyMonth, "Sosiaalityöntekijä", "09 123 456") { By = Worker };

    public static SignDecision Sign(int version = 1) => new(version) { By = Signer };

    /// <summary>The case owner records that the signed decision went to the client by letter on this day.</summary>
    public static RecordNotification NotifyByLetter(DateOnly sentOn) => new(Domain.Decisions.NotificationMethod.Letter, sentOn) { By = Worker };

    public static StartService StartService(DateOnly on) => new(on, "Palveluntuottaja Oy") { By = Worker };

    public static RecordProviderReport Report(DateOnly on, string summary = "Osallistunut.") => new(on, summary) { By = Worker };
}
