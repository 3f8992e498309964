using System.Globalization;
using Referrals.Domain.Calendar;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Scheduling;

/// <summary>The timers of the service's provision, derived from state like the rest of <see cref="ReferralSchedule"/>: the
/// provider's report due, the decided end passed while the service runs, and (where the profile watches it) the SHL § 45
/// three months from the pending date to the start. Each rests on a fact that the step that clears it removes: a provider
/// report moves the next one on, a closure or a continuation leaves no passed end, the start ends the § 45 watch.</summary>
internal static class ServiceProvisionSchedule
{
    public static void Add(ReferralState state, ProcessProfile profile, Action<TimerKind, DateOnly, string> add)
    {
        var d = profile.Deadlines;
        if (state.Status == ReferralStatus.ServiceActive && state.ServiceStartedOn is { } started)
        {
            var endsOn = state.Ending?.Draft.End ?? state.Grant?.Draft.End;
            if (d.ProviderReportIntervalMonths > 0)
            {
                var last = state.ProviderReports.Count > 0 && state.ProviderReports.Max() > started ? state.ProviderReports.Max() : started;
                var due = FollowUpLimits.ProviderReportDue(last, d.ProviderReportIntervalMonths);
                if (endsOn is not { } lastDay || due <= lastDay)
                    add(TimerKind.ProviderReportDue, due,
                        $"last provider report (or start) on {Iso(last)}; every {d.ProviderReportIntervalMonths} months");
            }
            // An ending decision closes the service on its own last day (ServiceEndsByDecision); only the grant's end can pass.
            if (state.Ending is null && state.Grant?.Draft is { UntilFurtherNotice: false, End: { } decidedEnd })
                add(TimerKind.DecidedEndPassed, decidedEnd.AddDays(1),
                    $"the decision ended the service on {Iso(decidedEnd)} and it still runs: close it or draft a continuation");
        }

        if (profile.ServiceStartLimit && AwaitsStart(state))
        {
            var pending = FinnishCalendar.DateIn(state.SubmittedAt);
            var limit = FollowUpLimits.ServiceStartLimit(pending);
            var reason = $"pending since {Iso(pending)}; SHL § 45: the service starts by {Iso(limit)}";
            if (d.ServiceStartLimitWarningDays > 0)
                add(TimerKind.ServiceStartLimitApproaching, limit.AddDays(-d.ServiceStartLimitWarningDays), reason);
            add(TimerKind.ServiceStartLimitOverdue, FinnishCalendar.AddWorkingDays(limit, 1), reason);
        }
    }

    /// <summary>The application is pending and may still lead to a service: before the start, and not on its way to a refusal.</summary>
    private static bool AwaitsStart(ReferralState state) => state.Status switch
    {
        ReferralStatus.AwaitingReview or ReferralStatus.AwaitingInformation or ReferralStatus.AwaitingGrantingDraft
            or ReferralStatus.AwaitingServiceStart => true,
        ReferralStatus.AwaitingSignature => state.Draft?.Kind == Referrals.DecisionKind.Granting,
        _ => false,
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
