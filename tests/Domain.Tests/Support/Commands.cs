using System.Collections.Immutable;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Tests.Support;

/// <summary>Valid commands with sensible defaults; a test changes only what it is about.</summary>
public static class Commands
{
    public static EsyScores Scores(int score = 5) =>
        EsyScores.Of(Process.Configuration.Instrument(Domain.Esy.EsyInstrument.EarlierEsyId)!.Areas.Select(a => KeyValuePair.Create(a.Code, score)));

    public static SubmitReferral Submit(string profile = Process.SteeringGroup, Actor? by = null, string service = "sr-everyday-coaching",
        DateOnly? birth = null, DateOnly? requestedStart = null, EsyScores? baseline = null) =>
        new(profile, "client-1", birth ?? new DateOnly(1990, 5, 5), service, "Asiakas tarvitsee tukea arjen hallintaan.",
            ImmutableList.Create("Päivärytmi"), requestedStart ?? History.RequestedStart, baseline) { By = by ?? Actors.Worker };

    public static ReviewReferral Review(ReviewOutcome outcome, Actor? by = null, string? redirectTo = null) =>
        new(outcome, "Linjaus perusteluineen.", redirectTo) { By = by ?? Actors.SteeringGroupMember };

    public static SupplementInformation Supplement(Actor? by = null) => new("Lisätiedot.") { By = by ?? Actors.Worker };

    public static WithdrawReferral Withdraw(Actor? by = null) => new("Asiakas ei tarvitse palvelua.") { By = by ?? Actors.Worker };

    public static DraftDecision Draft(DecisionKind kind = DecisionKind.Granting, Actor? by = null, DateOnly? start = null,
        DateOnly? end = null, int? esyMonth = 6, string? service = null) =>
        new(kind, "Perustelut.", start ?? History.ServiceStart, end ?? new DateOnly(2026, 12, 31), esyMonth,
            "Sosiaalityöntekijä", "09 123 456", service) { By = by ?? Actors.Worker };

    /// <summary>An ending decision (lopettamispäätös): the service's last day and why.</summary>
    public static DraftDecision DraftEnding(DateOnly lastDay, EndingReason reason = EndingReason.GoalsMet, Actor? by = null) =>
        new(DecisionKind.Ending, "Tavoitteet on saavutettu.", null, lastDay, null, "Sosiaalityöntekijä", "09 123 456")
        { By = by ?? Actors.Worker, EndingReason = reason };

    /// <summary>A continuation (jatkopäätös) to a new end, or a change (muutospäätös) from a day on.</summary>
    public static DraftDecision DraftFollowOn(DecisionKind kind, DateOnly? start, DateOnly? end, int? esyMonth = 6, Actor? by = null,
        string? extent = null) =>
        new(kind, "Palvelu jatkuu.", start, end, esyMonth, "Sosiaalityöntekijä", "09 123 456") { By = by ?? Actors.Worker, Extent = extent };

    public static SignDecision Sign(int version = 1, Actor? by = null) => new(version) { By = by ?? Actors.Signer };

    public static RecordNotification Notify(global::Referrals.Domain.Decisions.NotificationMethod method, DateOnly sentOn, Actor? by = null) =>
        new(method, sentOn) { By = by ?? Actors.Worker };

    public static RecordRequestForReview RequestReview(DateOnly receivedOn, Actor? by = null) =>
        new(receivedOn, RequestForReviewBy.Client) { By = by ?? Actors.Worker };

    public static RecordRequestForReviewDecision DecideReview(RequestForReviewOutcome outcome, DateOnly decidedOn, Actor? by = null) =>
        new(outcome, decidedOn, "Perustelut.") { By = by ?? Actors.Worker };

    public static CorrectClientRecord CorrectClient(Actor? by = null, params string[] fields) =>
        new(fields.Length == 0 ? ["address"] : fields) { By = by ?? Actors.Worker };

    public static ReturnDecision Return(int version = 1, Actor? by = null) => new(version, "Tarkenna perusteluja.") { By = by ?? Actors.Signer };

    public static StartService Start(DateOnly? on = null, Actor? by = null) => new(on ?? History.ServiceStart, "Palveluntuottaja Oy") { By = by ?? Actors.Worker };

    public static RecordClientPlan ClientPlan(DateOnly on, Actor? by = null) => new(on) { By = by ?? Actors.Worker };

    public static RecordInterimEvaluation Interim(DateOnly on, Actor? by = null) => new(on, "Edistynyt.") { By = by ?? Actors.Worker };

    public static RecordAttachment Attach(string id = "a-1", Actor? by = null) =>
        new(id, "application/pdf", 2048, new string('c', 64)) { By = by ?? Actors.Worker };

    public static RecordProviderReport Report(DateOnly on, Actor? by = null) => new(on, "Osallistunut.") { By = by ?? Actors.Worker };

    public static RecordRehabilitationPlan RehabilitationPlan(DateOnly on, Actor? by = null) =>
        new(on, "Tavoitteena säännöllinen osallistuminen ryhmään.") { By = by ?? Actors.Provider };

    public static RecordEsyMeasurement Measure(DateOnly on, Actor? by = null, EsyScores? scores = null) => new(on, scores ?? Scores(6)) { By = by ?? Actors.Worker };

    public static CloseService Close(DateOnly on, Actor? by = null) => new(on, "Yhteenveto.", true) { By = by ?? Actors.Worker };

    public static TimerElapsed Timer(TimerKind kind, DateTimeOffset dueAt, Actor? by = null) => new(kind, dueAt) { By = by ?? Actors.System };

    /// <summary>yhteisarvio (Espoo): by the case owner unless told, with the team's counsellor.</summary>
    public static RecordJointAssessment JointAssess(DateOnly on, string counsellor = "counsellor-1", Actor? by = null) =>
        new(on, counsellor, "Ryhmätoiminta sopii asiakkaan tavoitteisiin.") { By = by ?? Actors.Worker };

    /// <summary>vastuutyöntekijän vaihto: by the current case owner unless told.</summary>
    public static ChangeCaseOwner ChangeOwner(string newOwner = "worker-3", Actor? by = null) =>
        new(newOwner, "Vastuutyöntekijä vaihtuu tiimin sisällä.") { By = by ?? Actors.Worker };

    /// <summary>Helsinki: the service written into the client plan.</summary>
    public static RecordServiceInClientPlan ServiceInPlan(DateOnly agreedOn, DateOnly start, DateOnly? end = null, int? esyMonth = null, Actor? by = null,
        string? service = null) =>
        new(agreedOn, start, end, "Ryhmätoimintaa kerran viikossa.", service, esyMonth) { By = by ?? Actors.Worker };
}
