namespace Referrals.Domain.Scheduling;

/// <summary>Every reminder the process knows. Stored by name: never rename.</summary>
public enum TimerKind
{
    ReviewOverdue,
    InformationOverdue,
    DraftingOverdue,
    SignatureReminder,
    /// <summary>The signer has not acted: the deputy is told.</summary>
    SignatureEscalation,
    ClientPlanDueSoon,
    ClientPlanDue,
    ClientPlanOverdue,
    InterimEvaluationDue,
    EsyWindowOpens,
    EsyOverdue,
    ServiceEndApproaching,
    /// <summary>The 30-day review-request period after notification ends: the decision becomes final.</summary>
    DecisionFinal,
    /// <summary>A signed decision has not been recorded as sent to the client: its review period, and so its finality, cannot start.</summary>
    NotificationDue,
    /// <summary>The last day of a service that a signed ending decision ends early: the service closes.</summary>
    ServiceEndsByDecision,
    /// <summary>The service provider's report is due (the profile's interval after the start or the last report).</summary>
    ProviderReportDue,
    /// <summary>The decided end has passed and the service still runs: the case owner ends it or drafts a continuation.</summary>
    DecidedEndPassed,
    /// <summary>SHL § 45: the three months from the pending date to the start are running out (the profile's warning days before).</summary>
    ServiceStartLimitApproaching,
    /// <summary>SHL § 45: three months have passed since the matter became pending and the service has not started.</summary>
    ServiceStartLimitOverdue,
}

/// <summary>A timer derived from state: when it comes due, and the fact in the state it rests on.</summary>
public sealed record DueTimer(TimerKind Kind, DateTimeOffset DueAt, string Reason);
