using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Tests.Support;

/// <summary>One generated step: plain numbers, read against the current state to build a command, so
/// that random sequences reach deep into the process (a draft version that exists, the body that holds
/// the referral) while a share of them is wrong on purpose (wrong actor, bad field, wrong version).</summary>
public sealed record Step(int Pick, int ActorPick, int Variant, int Hours);

/// <summary>What happened at one step of a run.</summary>
public sealed record Turn(ReferralState Before, ReferralCommand Command, DateTimeOffset Now, Outcome Outcome, ReferralState After);

/// <summary>Runs generated steps through Decide and Evolve, as the application would.</summary>
public static class RandomRun
{
    public const int Picks = 29;
    private static readonly string[] Profiles = [Process.SteeringGroup, Process.Steppi, Process.Espoo, Process.Satakunta, Process.EspooCaseOwner, Process.Helsinki];
    private static readonly Actor[] Strangers =
        [Actors.OtherUnitWorker, Actors.Auditor, Actors.Operator, Actors.Signer, Actors.Worker, Actors.System, Actors.SteppiTeamMember, Actors.OtherProvider];

    public static IReadOnlyList<Turn> Run(IEnumerable<Step> steps) => Run(steps, _ => Process.Decider);

    /// <summary>The same, with the decider (the configuration in force) chosen per step: the host restarted with another
    /// version between two commands.</summary>
    public static IReadOnlyList<Turn> Run(IEnumerable<Step> steps, Func<int, ReferralDecider> deciderAt)
    {
        var state = ReferralState.Initial with { Id = Spec.ReferralId };
        var now = History.T0;
        var turns = new List<Turn>();
        var index = 0;
        foreach (var step in steps)
        {
            var decider = deciderAt(index++);
            now = now.AddHours(step.Hours);
            var command = Build(state, step, now, decider);
            var outcome = decider.Decide(state, command, now);
            var after = outcome is Outcome.Accepted accepted ? accepted.Events.Aggregate(state, ReferralDecider.Evolve) : state;
            turns.Add(new Turn(state, command, now, outcome, after));
            state = after;
        }
        return turns;
    }

    public static IReadOnlyList<ReferralEvent> Events(IEnumerable<Turn> turns) =>
        turns.SelectMany(t => t.Outcome is Outcome.Accepted a ? a.Events : []).ToList();

    private static ReferralCommand Build(ReferralState state, Step step, DateTimeOffset now, ReferralDecider decider)
    {
        var v = step.Variant;
        var junk = v == 9;
        var today = FinnishCalendar.DateIn(now);
        var pick = state.Status == ReferralStatus.None && step.Pick != 14 && v < 8 ? 0 : step.Pick;
        if (pick >= 25) pick = Natural(state, v);

        ReferralCommand command = pick switch
        {
            0 => Commands.Submit(Profiles[v % Profiles.Length], birth: new DateOnly(1990 - v, 5, 5), requestedStart: today) with
            {
                Goals = junk ? [] : ["Tavoite"],
                // Vantaa's, Helsinki's, Satakunta's (refused for a Vantaa profile), none, or one that does not exist.
                HomeMunicipality = v switch { 1 => "092", 5 => "091", 6 => "609", 8 => "999", _ => null },
            },
            1 => Commands.Review(junk ? (ReviewOutcome)99 : (ReviewOutcome)(v % 5), redirectTo: v == 8 ? null : "Muu palvelu"),
            2 => Commands.Supplement() with { Text = junk ? "" : "Lisätiedot" },
            3 => Commands.Withdraw(),
            // Espoo may grant until further notice: then no end and no ESY month (the client plan agrees it).
            4 when state.ProfileId == Process.Espoo && v == 7 => Commands.Draft(DecisionKind.Granting, start: today, esyMonth: null,
                service: "sr-group-activity") with { End = null, UntilFurtherNotice = true },
            4 => Commands.Draft(
                (state.Status == ReferralStatus.AwaitingRefusingDraft) ^ (v >= 8) ? DecisionKind.Refusing : DecisionKind.Granting,
                start: today, end: v % 2 == 0 ? today.AddMonths(4).AddDays(-1) : today.AddMonths(12), esyMonth: junk ? 3 : 6 + v % 7),
            5 => Commands.Sign(state.DraftVersion + (junk ? 1 : 0)),
            6 => Commands.Return(state.DraftVersion - (junk ? 1 : 0)),
            // A provider unit (purchased, own, a unit that is no provider), or none.
            7 => Commands.Start(junk ? today.AddDays(1) : today) with
            {
                ProviderUnit = v switch { 0 or 3 => Actors.ProviderUnit, 1 or 4 => Actors.OwnProviderUnit, 8 => Actors.Unit, _ => null },
                ProviderKind = v == 4 ? ProviderKind.Purchased : null,
            },
            8 => Commands.ClientPlan(today.AddDays(-(v % 3))) with
            {
                EsyRemeasurementMonth = state.Grant?.Draft.UntilFurtherNotice == true && v != 2 ? 6 + v % 7 : null,
            },
            9 => Commands.Interim(today),
            10 => Commands.Report(today),
            11 => Commands.Measure(today, scores: junk ? Commands.Scores(42) : Commands.Scores(1 + v)),
            12 => Commands.Close(today),
            13 => Timer(state, now, v, decider),
            15 => Commands.Attach(junk ? "010594Y9021" : $"a-{v % 3}"),
            16 => Commands.Notify(junk ? (NotificationMethod)99 : (NotificationMethod)(v % 3), v == 8 ? today.AddDays(1) : today.AddDays(-(v % 3))),
            17 => Commands.RequestReview(v == 8 ? today.AddDays(1) : today),
            18 => Commands.DecideReview(junk ? (RequestForReviewOutcome)99 : (RequestForReviewOutcome)(v % 4), today),
            19 => Commands.CorrectClient(fields: junk ? ["personalIdentityCode"] : [v % 2 == 0 ? "address" : "fullName"]),
            20 => LaterDecision(state, today, v),
            21 => Commands.RehabilitationPlan(today.AddDays(-(v % 3))) with { Summary = junk ? "" : "Suunnitelma" },
            22 => Commands.ChangeOwner(junk ? "" : v % 2 == 0 ? "worker-3" : state.CaseOwner),
            23 => Commands.ServiceInPlan(today.AddDays(-(v % 3)), today, v % 2 == 0 ? null : today.AddMonths(6), esyMonth: junk ? 3 : v < 5 ? 6 + v : null),
            24 => Commands.JointAssess(today.AddDays(-(v % 3)), junk ? "" : $"counsellor-{v % 2}"),
            _ => Junk(v),
        };

        if (command.By is null) return command;
        var right = command switch
        {
            ReviewReferral => new Actor("member-9", Role.ReviewBodyMember, state.ReviewBodyId.Length > 0 ? state.ReviewBodyId : "none"),
            // The signer the profile's rule names: the named unit's, the case owner with the Signer grant, or the unit's.
            SignDecision or ReturnDecision => decider.ConfigurationOf(state).Profile(state.ProfileId) switch
            {
                { Signer: global::Referrals.Domain.Profiles.SignerRule.NamedUnitDecisionMaker, SignerUnitId: { } unit } => new Actor("leader-t", Role.Signer, unit),
                { Signer: global::Referrals.Domain.Profiles.SignerRule.CaseOwner } when state.CaseOwner.Length > 0 => new Actor(state.CaseOwner, Role.Signer, state.Unit),
                _ => Actors.Signer,
            },
            TimerElapsed => Actors.System,
            RecordRehabilitationPlan => Actors.Provider with { Unit = state.ProviderUnit ?? Actors.ProviderUnit },
            RecordProviderReport when v % 2 == 1 => Actors.Provider with { Unit = state.ProviderUnit ?? Actors.ProviderUnit },
            _ => Actors.Worker,
        };
        return command with { By = step.ActorPick < 7 ? right : Strangers[step.ActorPick % Strangers.Length] };
    }

    /// <summary>The move a careful user would make next, so that runs get far.</summary>
    private static int Natural(ReferralState state, int v) => state.Status switch
    {
        ReferralStatus.AwaitingReview => 1,
        ReferralStatus.AwaitingInformation => 2,
        ReferralStatus.AwaitingGrantingDraft when state.ProfileId == Process.Helsinki && v < 6 => 23,
        ReferralStatus.AwaitingGrantingDraft or ReferralStatus.AwaitingRefusingDraft
            when state.ProfileId is Process.Espoo or Process.EspooCaseOwner && state.JointAssessedOn is null && v < 7 => 24,
        ReferralStatus.AwaitingServiceStart or ReferralStatus.ServiceActive when v == 9 && state.CaseOwner == Actors.Worker.UserId => 22,
        ReferralStatus.AwaitingGrantingDraft or ReferralStatus.AwaitingRefusingDraft => 4,
        ReferralStatus.AwaitingSignature => v % 4 == 0 ? 6 : 5,
        _ when state.FollowOnDraftPending => v % 4 == 0 ? 6 : 5,
        _ when state.ChangeOwed is not null && v < 7 => 20,
        ReferralStatus.AwaitingServiceStart => state.Notification is null && v < 6 ? 16 : v == 6 ? 20 : 7,
        ReferralStatus.ServiceActive when state.Notification is null && v < 2 => 16,
        ReferralStatus.ServiceActive => v switch { 0 => 12, 1 or 2 => 8, 3 => 9, 4 => state.RehabilitationPlanOn is null ? 21 : 9, 5 => 10, 6 => 11, 7 => 20, 8 => AfterDecision(state), _ => 13 },
        ReferralStatus.Refused => state.Notification is null ? 16 : v < 3 ? AfterDecision(state) : 13,
        _ => 13,
    };

    /// <summary>A later decision on the granted service (ending, continuation, change), or the new version of a
    /// decision the review body changed; now and then out of range on purpose.</summary>
    private static DraftDecision LaterDecision(ReferralState state, DateOnly today, int v)
    {
        var kind = state.ChangeOwed is { } n && n <= state.Decisions.Count
            ? state.Decisions[n - 1].Draft.Kind is DecisionKind.Refusing && v % 2 == 0 ? DecisionKind.Granting : state.Decisions[n - 1].Draft.Kind
            : v < 4 ? DecisionKind.Ending : v < 7 ? DecisionKind.Continuation : DecisionKind.Change;
        return kind switch
        {
            DecisionKind.Ending => Commands.DraftEnding(v == 9 ? today.AddYears(3) : today, (EndingReason)(v % 4)),
            DecisionKind.Continuation => Commands.DraftFollowOn(kind, null, (state.Grant?.Draft.End ?? today).AddMonths(3), esyMonth: v == 9 ? 3 : 6),
            DecisionKind.Change => Commands.DraftFollowOn(kind, today, null, esyMonth: 6 + v % 7, extent: "kaksi kertaa viikossa"),
            _ => Commands.Draft(kind, start: today, end: today.AddMonths(4).AddDays(-1), esyMonth: 6),
        };
    }

    /// <summary>A request for review, then the review body's decision on it, then the clock.</summary>
    private static int AfterDecision(ReferralState state) =>
        state.RequestForReview is null ? 17 : state.RequestForReview.Outcome is null ? 18 : 13;

    /// <summary>A timer as the clock would fire it (the earliest due), or a stale or invented one.</summary>
    private static TimerElapsed Timer(ReferralState state, DateTimeOffset now, int v, ReferralDecider decider)
    {
        var schedule = decider.Schedule(state);
        var due = schedule.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).FirstOrDefault()
            ?? schedule.OrderBy(t => t.DueAt).FirstOrDefault();
        return v switch
        {
            9 => Commands.Timer((TimerKind)(v * 7), now),
            8 => Commands.Timer(TimerKind.ReviewOverdue, now.AddDays(-v)),
            _ when due is not null => Commands.Timer(due.Kind, due.DueAt),
            _ => Commands.Timer((TimerKind)(v % 13), now),
        };
    }

    /// <summary>What deserialized nonsense looks like: nulls where the types say never.</summary>
    private static ReferralCommand Junk(int v) => (v % 6) switch
    {
        0 => Commands.Submit() with { ClientId = null!, Goals = null! },
        1 => Commands.Review(ReviewOutcome.Approve) with { Reasons = null! },
        2 => Commands.Draft() with { ContactDetails = null!, GrantedServiceTypeCode = "" },
        3 => Commands.Measure(new DateOnly(2026, 3, 3), scores: new EsyScores(null!)),
        4 => Commands.Close(DateOnly.MaxValue) with { Summary = new string('x', 20_000) },
        _ => Commands.Submit() with { By = null! },
    };
}
