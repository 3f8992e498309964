using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Outcome = Referrals.Domain.Common.Outcome;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>Generators for random command sequences: steps advance the clock by up to a few weeks.</summary>
public static class StepArbitraries
{
    public static Arbitrary<Step[]> Steps()
    {
        var hours = Gen.Frequency((3, Gen.Choose(0, 30)), (2, Gen.Choose(24, 24 * 20)), (1, Gen.Choose(24 * 20, 24 * 70)));
        var step =
            from pick in Gen.Choose(0, RandomRun.Picks - 1)
            from actor in Gen.Choose(0, 9)
            from variant in Gen.Choose(0, 9)
            from h in hours
            select new Step(pick, actor, variant, h);
        return Arb.From(Gen.ArrayOf(step).Resize(120));
    }
}

/// <summary>Invariants over random command sequences (FsCheck).</summary>
public class DeciderProperties
{
    private const int Tests = 300;

    [Property(Arbitrary = [typeof(StepArbitraries)], MaxTest = Tests)]
    public bool Random_command_sequences_never_throw_and_stamp_every_event(Step[] steps)
    {
        foreach (var turn in RandomRun.Run(steps))
        {
            if (turn.Outcome is Outcome.Accepted accepted)
            {
                if (accepted.Events.Any(e => e.At != turn.Now || e.By != turn.Command.By)) return false;
                _ = Process.Decider.Notify(turn.After, accepted.Events);
            }
            else if (turn.Outcome is not Outcome.Rejected { Rejection.Code: var code } || !Enum.IsDefined(code)) return false;
            _ = Process.Decider.Schedule(turn.After);
        }
        return true;
    }

    [Property(Arbitrary = [typeof(StepArbitraries)], MaxTest = Tests)]
    public bool Replaying_the_events_gives_the_same_state(Step[] steps)
    {
        var turns = RandomRun.Run(steps);
        var folded = turns.Count > 0 ? turns[^1].After : ReferralState.Initial with { Id = Spec.ReferralId };
        var events = RandomRun.Events(turns);
        var stored = JsonSerializer.Deserialize<ReferralEvent[]>(JsonSerializer.Serialize(events.ToArray()))!;
        var expected = Json.Of(folded);
        return expected == Json.Of(ReferralDecider.Replay(Spec.ReferralId, events))
            && expected == Json.Of(ReferralDecider.Replay(Spec.ReferralId, stored));
    }

    [Property(Arbitrary = [typeof(StepArbitraries)], MaxTest = Tests)]
    public bool A_signed_decision_never_changes(Step[] steps)
    {
        // Later decisions are added after it; none is ever replaced, and the latest is the state's Decision.
        IReadOnlyList<SignedDecision> signed = [];
        foreach (var turn in RandomRun.Run(steps))
        {
            var now = turn.After.Decisions.Select(d => d.Decision).ToList();
            if (now.Count < signed.Count || !now.Take(signed.Count).SequenceEqual(signed)) return false;
            if (now.Count > 0 && turn.After.Decision != now[^1]) return false;
            if (now.Select((d, i) => d.Number == i + 1).Any(ok => !ok)) return false;
            signed = now;
        }
        return true;
    }

    [Property(Arbitrary = [typeof(StepArbitraries)], MaxTest = Tests)]
    public bool Every_timer_has_a_reason_and_rests_on_a_fact_in_the_state(Step[] steps) =>
        RandomRun.Run(steps).All(turn => Process.Decider.Schedule(turn.After).All(t =>
            !string.IsNullOrWhiteSpace(t.Reason) && RestsOnAFact(turn.After, t) && IsWorkingHour(t.DueAt)));

    [Property(Arbitrary = [typeof(StepArbitraries)], MaxTest = Tests)]
    public bool Each_reminder_is_raised_at_most_once_and_never_early(Step[] steps)
    {
        var turns = RandomRun.Run(steps);
        var raised = turns.SelectMany(t => t.Outcome is Outcome.Accepted a ? a.Events.OfType<ReminderRaised>().Select(r => (r, t.Now)) : []).ToList();
        var finals = RandomRun.Events(turns).OfType<DecisionBecameFinal>().Count();
        return raised.Select(x => (x.r.Kind, x.r.DueAt)).Distinct().Count() == raised.Count
            && raised.All(x => x.r.DueAt <= x.Now)
            && finals <= (turns.Count > 0 ? turns[^1].After.Decisions.Count : 0);
    }

    /// <summary>The fact each kind of timer rests on.</summary>
    private static bool RestsOnAFact(ReferralState s, DueTimer t) => t.Kind switch
    {
        TimerKind.ReviewOverdue => s.Status == ReferralStatus.AwaitingReview && s.ReviewBodyId.Length > 0,
        TimerKind.InformationOverdue => s.Status == ReferralStatus.AwaitingInformation && s.InformationDueOn is not null,
        TimerKind.DraftingOverdue => s.DraftingSince is not null && (s.Status is ReferralStatus.AwaitingGrantingDraft
            or ReferralStatus.AwaitingRefusingDraft or ReferralStatus.AwaitingChangedDraft || (s.ChangeOwed is not null && InService(s))),
        TimerKind.SignatureReminder or TimerKind.SignatureEscalation => s.Draft is not null &&
            ((s.Status == ReferralStatus.AwaitingSignature && (s.Decision is null || s.ChangeOwed is not null)) || (s.FollowOnDraftPending && InService(s))),
        TimerKind.ClientPlanDueSoon or TimerKind.ClientPlanDue or TimerKind.ClientPlanOverdue =>
            s.Status == ReferralStatus.ServiceActive && s.ClientPlanOn is null && s.ServiceStartedOn is not null,
        TimerKind.InterimEvaluationDue => s.Status == ReferralStatus.ServiceActive,
        TimerKind.EsyWindowOpens or TimerKind.EsyOverdue =>
            s.Status == ReferralStatus.ServiceActive && (s.Grant?.Draft.EsyRemeasurementMonth ?? s.ClientPlanEsyMonth) is not null,
        // A service written into the client plan (Helsinki) ends on the plan's end.
        TimerKind.ServiceEndApproaching => s.Status == ReferralStatus.ServiceActive && (s.Ending?.Draft.End ?? s.Grant?.Draft.End ?? s.ServiceInPlan?.End) is not null,
        TimerKind.NotificationDue => s.SignedDecisions.Any(d => d.Notification is null && d.Decision.AssumedNotifiedOn is null && d.RequestForReview is null),
        TimerKind.DecisionFinal => s.SignedDecisions.Any(d => d.FinalOn is null && (d.Notification is not null || d.Decision.AssumedNotifiedOn is not null) && d.RequestForReview is not { InTime: true }),
        TimerKind.ServiceEndsByDecision => s.Ending?.Draft.End is not null && InService(s),
        TimerKind.ProviderReportDue => s.Status == ReferralStatus.ServiceActive && s.ServiceStartedOn is not null,
        TimerKind.DecidedEndPassed => s.Status == ReferralStatus.ServiceActive && s.Ending is null && s.Grant?.Draft.End is not null,
        TimerKind.ServiceStartLimitApproaching or TimerKind.ServiceStartLimitOverdue => s.ServiceStartedOn is null && !s.HasEnded
            && s.ProfileId == Process.Satakunta,
        _ => false,
    } && !s.RemindersRaised.Contains(new RaisedReminder(t.Kind, t.DueAt));

    private static bool InService(ReferralState s) => s.Status is ReferralStatus.ServiceActive or ReferralStatus.AwaitingServiceStart;

    private static bool IsWorkingHour(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, FinnishCalendar.Helsinki);
        return local.Hour == 9 && local.Minute == 0 && FinnishCalendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime));
    }
}
