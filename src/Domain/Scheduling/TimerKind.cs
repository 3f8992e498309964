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
}

/// <summary>A timer derived from state: when it comes due, and the fact in the state it rests on.</summary>
public sealed record DueTimer(TimerKind Kind, DateTimeOffset DueAt, string Reason);
