using System.Globalization;
using Referrals.Domain.Calendar;
using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Scheduling;

/// <summary>Every timer a referral needs, derived from its state and its profile's deadlines alone, so
/// a new version of the code reads old referrals without migrating anything. A timer already raised
/// (state.RemindersRaised) is left out, so each reminder goes out once. Every reminder goes out at the
/// profile's working hour on a working day.</summary>
internal static class ReferralSchedule
{
    public static IReadOnlyList<DueTimer> For(ProcessConfiguration configuration, ReferralState state)
    {
        if (state is null || configuration.Profile(state.ProfileId) is not { } profile) return [];
        var timers = new List<DueTimer>();
        var d = profile.Deadlines;
        void Add(TimerKind kind, DateOnly due, string reason) =>
            timers.Add(new DueTimer(kind, FinnishCalendar.ReminderAt(due, d.ReminderHour), reason));

        switch (state.Status)
        {
            case ReferralStatus.AwaitingReview:
                var queued = FinnishCalendar.DateIn(state.QueuedForReviewAt);
                Add(TimerKind.ReviewOverdue, FinnishCalendar.AddWorkingDays(queued, d.ReviewWorkingDays),
                    $"queued for review by {state.ReviewBodyId} on {Iso(queued)}; review within {d.ReviewWorkingDays} working days");
                break;
            case ReferralStatus.AwaitingInformation when state.InformationDueOn is { } infoDue:
                Add(TimerKind.InformationOverdue, infoDue, $"information requested, due on {Iso(infoDue)}");
                break;
            case ReferralStatus.AwaitingGrantingDraft or ReferralStatus.AwaitingRefusingDraft or ReferralStatus.AwaitingChangedDraft
                when state.DraftingSince is { } since:
                var asked = FinnishCalendar.DateIn(since);
                Add(TimerKind.DraftingOverdue, FinnishCalendar.AddWorkingDays(asked, d.DraftingWorkingDays),
                    $"{state.Status} since {Iso(asked)}; draft within {d.DraftingWorkingDays} working days");
                break;
            case ReferralStatus.AwaitingSignature when state.DraftedAt is { } draftedAt:
                var drafted = FinnishCalendar.DateIn(draftedAt);
                Add(TimerKind.SignatureReminder, FinnishCalendar.AddWorkingDays(drafted, d.SignatureReminderWorkingDays),
                    $"draft {state.DraftVersion} waits for signature since {Iso(drafted)}");
                Add(TimerKind.SignatureEscalation, FinnishCalendar.AddWorkingDays(drafted, d.SignatureEscalationWorkingDays),
                    $"draft {state.DraftVersion} unsigned since {Iso(drafted)}: the deputy is told");
                break;
            case ReferralStatus.ServiceActive when state.ServiceStartedOn is { } started:
                FollowUp(state, d, started, Add);
                break;
        }

        // A later decision on the granted service: its draft waits for the signer while the service goes on, or
        // the review body changed a decision and its new version is still to be drafted.
        if (state.Status is ReferralStatus.ServiceActive or ReferralStatus.AwaitingServiceStart)
        {
            if (state.FollowOnDraftPending && state.DraftedAt is { } followOnDraftedAt)
            {
                var drafted = FinnishCalendar.DateIn(followOnDraftedAt);
                Add(TimerKind.SignatureReminder, FinnishCalendar.AddWorkingDays(drafted, d.SignatureReminderWorkingDays),
                    $"draft {state.DraftVersion} ({state.Draft?.Kind}) waits for signature since {Iso(drafted)}");
                Add(TimerKind.SignatureEscalation, FinnishCalendar.AddWorkingDays(drafted, d.SignatureEscalationWorkingDays),
                    $"draft {state.DraftVersion} ({state.Draft?.Kind}) unsigned since {Iso(drafted)}: the deputy is told");
            }
            else if (state.ChangeOwed is { } changed && state.DraftingSince is { } changedSince)
            {
                var asked = FinnishCalendar.DateIn(changedSince);
                Add(TimerKind.DraftingOverdue, FinnishCalendar.AddWorkingDays(asked, d.DraftingWorkingDays),
                    $"decision {changed} changed on review on {Iso(asked)}; draft its new version within {d.DraftingWorkingDays} working days");
            }
            if (state.Ending is { Draft.End: { } lastDay } ending)
                Add(TimerKind.ServiceEndsByDecision, lastDay,
                    $"ending decision {ending.Number} signed on {Iso(ending.SignedOn)} ends the service on {Iso(lastDay)}");
        }

        foreach (var signed in state.SignedDecisions)
        {
            if (signed.ReviewPeriodEndsOn is null && signed.RequestForReview is null)
                Add(TimerKind.NotificationDue, FinnishCalendar.AddWorkingDays(signed.SignedOn, d.NotificationWorkingDays),
                    $"decision {signed.Number} signed on {Iso(signed.SignedOn)}, its sending to the client not recorded; send within {d.NotificationWorkingDays} working days");
            if (FinalOn(signed) is { } finalOn)
                Add(TimerKind.DecisionFinal, finalOn,
                    $"decision {signed.Number} signed on {Iso(signed.SignedOn)}; review may be requested until {Iso(finalOn.AddDays(-1))}");
        }

        ServiceProvisionSchedule.Add(state, profile, Add);

        return timers.Where(t => !state.RemindersRaised.Contains(new RaisedReminder(t.Kind, t.DueAt))).ToList();
    }

    /// <summary>The day a signed decision becomes final (lainvoimainen): the day after the review period
    /// ends (<see cref="NotificationLaw"/>: 30 days from the deemed notification, a last day on a weekend
    /// or holiday running on to the next working day). Null while the decision has not been notified, when
    /// a request for review arrived in time, or when it is already final. Decisions signed before
    /// notification was recorded count from the notification day then assumed.</summary>
    public static DateOnly? FinalOn(ReferralState state)
    {
        if (state.Decision is null || state.DecisionFinalOn is not null) return null;
        if (state.RequestForReview is { InTime: true }) return null;
        return state.ReviewPeriodEndsOn?.AddDays(1);
    }

    /// <summary>The day one signed decision of the referral becomes final (as <see cref="FinalOn(ReferralState)"/>).</summary>
    public static DateOnly? FinalOn(DecisionCourse decision)
    {
        if (decision.FinalOn is not null || decision.RequestForReview is { InTime: true }) return null;
        return decision.ReviewPeriodEndsOn?.AddDays(1);
    }

    private static void FollowUp(ReferralState state, Deadlines d, DateOnly started, Action<TimerKind, DateOnly, string> add)
    {
        // The decision that grants the service now (a continuation or change decision re-derives the timers), and
        // the last day an ending decision set, which comes before the decided end.
        var grant = state.Grant;
        var decided = grant?.Draft;
        var endsOn = state.ServiceEndsOn;
        if (state.ClientPlanOn is null)
        {
            var planDue = FollowUpLimits.ClientPlanDue(started);
            var reason = $"service started on {Iso(started)}, no client plan yet; plan due by {Iso(planDue)}";
            if (d.ClientPlanDueSoonDays > 0) add(TimerKind.ClientPlanDueSoon, planDue.AddDays(-d.ClientPlanDueSoonDays), reason);
            add(TimerKind.ClientPlanDue, planDue, reason);
            add(TimerKind.ClientPlanOverdue, FinnishCalendar.AddWorkingDays(planDue, 1), reason);
        }

        var lastEvaluation = state.InterimEvaluations.Count > 0 ? state.InterimEvaluations.Max() : started;
        if (lastEvaluation < started) lastEvaluation = started;
        var evaluationDue = lastEvaluation.AddMonths(d.InterimEvaluationIntervalMonths);
        if (endsOn is not { } lastDay || evaluationDue <= lastDay)
            add(TimerKind.InterimEvaluationDue, evaluationDue,
                $"last evaluation (or start) on {Iso(lastEvaluation)}; every {d.InterimEvaluationIntervalMonths} months");

        // The month the decision set, or (for a service until further notice) the one agreed in the client plan.
        // A later grant counts its month from the day it takes effect.
        var esyFrom = grant is { Number: > 1 } && decided?.Start is { } effective && effective > started ? effective : started;
        var esyMonth = decided is { UntilFurtherNotice: true } ? state.ClientPlanEsyMonth : decided?.EsyRemeasurementMonth ?? state.ClientPlanEsyMonth;
        if (esyMonth is { } month)
        {
            var (opens, overdue) = FollowUpLimits.EsyWindow(esyFrom, month);
            if (!state.EsyMeasurements.Any(m => m.On >= opens))
            {
                add(TimerKind.EsyWindowOpens, opens, $"ESY re-measurement agreed for month {month} after {Iso(esyFrom)}");
                add(TimerKind.EsyOverdue, overdue, $"no ESY measurement since the window opened on {Iso(opens)}");
            }
        }

        if (endsOn is { } end && d.ServiceEndApproachingDays > 0)
            add(TimerKind.ServiceEndApproaching, end.AddDays(-d.ServiceEndApproachingDays), $"the decision ends the service on {Iso(end)}");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
