using Referrals.Domain.Calendar;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Reports;

/// <summary>One piece of a referral's work with the day it is late from (odotettu: overdue once past).</summary>
internal sealed record DueWork(string Kind, DateTimeOffset DueAt);

/// <summary>What a referral owes now and from when it is late: the process's own deadlines (its schedule,
/// reminders already raised included, since a raised reminder does not make the work done), and for
/// provider reports, which the process does not time, one per interim-evaluation interval of the profile.</summary>
internal static class OverdueWork
{
    public const string Reviews = "reviews";
    public const string Information = "information-requests";
    public const string Drafts = "drafts";
    public const string Signatures = "signatures";
    public const string Notifications = "notifications";
    public const string ClientPlans = "client-plans";
    public const string Evaluations = "interim-evaluations";
    public const string Remeasurements = "remeasurements";
    public const string ProviderReports = "provider-reports";

    public static readonly IReadOnlyList<string> Kinds =
        [Reviews, Information, Drafts, Signatures, Notifications, ClientPlans, Evaluations, Remeasurements, ProviderReports];

    /// <summary>The timer that marks each kind late; the other timers are reminders before a deadline.</summary>
    private static string? KindOf(TimerKind timer) => timer switch
    {
        TimerKind.ReviewOverdue => Reviews,
        TimerKind.InformationOverdue => Information,
        TimerKind.DraftingOverdue => Drafts,
        TimerKind.SignatureEscalation => Signatures,
        TimerKind.NotificationDue => Notifications,
        TimerKind.ClientPlanOverdue => ClientPlans,
        TimerKind.InterimEvaluationDue => Evaluations,
        TimerKind.EsyOverdue => Remeasurements,
        TimerKind.ProviderReportDue => ProviderReports,
        _ => null,
    };

    public static IReadOnlyList<DueWork> Of(ReferralState state, Func<ReferralState, IReadOnlyList<DueTimer>> schedule, ProcessConfiguration configuration)
    {
        if (state.Status == ReferralStatus.None) return [];
        var work = schedule(state with { RemindersRaised = [] })
            .Select(t => KindOf(t.Kind) is { } kind ? new DueWork(kind, t.DueAt) : null)
            .OfType<DueWork>().ToList();
        // Profiles without a provider-report interval (0) keep the older count: one per interim-evaluation interval.
        if (state.Status == ReferralStatus.ServiceActive && state.ServiceStartedOn is { } started
            && configuration.Profile(state.ProfileId) is { Deadlines.ProviderReportIntervalMonths: 0 } profile)
        {
            var last = state.ProviderReports.Count > 0 ? state.ProviderReports.Max() : started;
            if (last < started) last = started;
            var due = last.AddMonths(profile.Deadlines.InterimEvaluationIntervalMonths);
            if (state.Decision?.Draft.End is not { } end || due <= end)
                work.Add(new DueWork(ProviderReports, FinnishCalendar.ReminderAt(due, profile.Deadlines.ReminderHour)));
        }
        return work;
    }
}
