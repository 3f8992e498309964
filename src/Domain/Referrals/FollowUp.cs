using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>After a granting decision: the service starts, the client plan (asiakassuunnitelma,
/// SHL § 39) is agreed, goals are evaluated, the provider reports, ESY is re-measured, and the service
/// closes with a summary. Dates record what has happened: not in the future, not before what they follow.</summary>
internal static class FollowUp
{
    public static Outcome Start(DecisionContext c, StartService s) =>
        Permissions.Worker(c)
        ?? Input.Date(s.StartedOn, nameof(s.StartedOn))
        ?? (s.Provider is null ? null : Input.Text(s.Provider, nameof(s.Provider), Limits.MaxShortText))
        ?? c.NotEnded()
        ?? c.InStatus(ReferralStatus.AwaitingServiceStart)
        ?? Input.NotBefore(s.StartedOn, c.State.Decision?.SignedOn, nameof(s.StartedOn))
        ?? c.NotInFuture(s.StartedOn, nameof(s.StartedOn))
        ?? ServiceProvision.ProviderAtStart(c, s, out var kind)
        ?? c.Accept(new ServiceStarted(s.StartedOn, s.Provider) { ProviderUnit = s.ProviderUnit, ProviderKind = kind });

    public static Outcome ClientPlan(DecisionContext c, RecordClientPlan p) =>
        During(c, p.AgreedOn, nameof(p.AgreedOn))
        ?? EsyMonthInPlan(c, p.EsyRemeasurementMonth)
        ?? c.Accept(new ClientPlanRecorded(p.AgreedOn) { EsyRemeasurementMonth = p.EsyRemeasurementMonth });

    /// <summary>A service granted until further notice has its ESY month agreed in the client plan (6–12); a
    /// decision that set the month leaves none to agree.</summary>
    private static Outcome? EsyMonthInPlan(DecisionContext c, int? month)
    {
        var openEnded = c.State.Grant?.Draft.UntilFurtherNotice == true;
        if (!openEnded) return month is null ? null : Input.Invalid(nameof(RecordClientPlan.EsyRemeasurementMonth));
        if (month is not { } m) return Input.Invalid(nameof(RecordClientPlan.EsyRemeasurementMonth));
        return m is < Drafting.EarliestEsyMonth or > Drafting.LatestEsyMonth ? Outcome.Reject(RejectionCode.EsyMonthOutOfRange, $"{m}") : null;
    }

    public static Outcome InterimEvaluation(DecisionContext c, RecordInterimEvaluation e) =>
        During(c, e.HeldOn, nameof(e.HeldOn), Input.Text(e.Notes, nameof(e.Notes)))
        ?? c.Accept(new InterimEvaluationRecorded(e.HeldOn, e.Notes));

    /// <summary>A measurement names its instrument (the profile's first where the worker named none) and fits it.</summary>
    public static Outcome EsyMeasurement(DecisionContext c, RecordEsyMeasurement m)
    {
        if (During(c, m.MeasuredOn, nameof(m.MeasuredOn), m.Scores is null ? Input.Invalid(nameof(m.Scores)) : null) is { } refused) return refused;
        if (c.WithProfile(out var profile) is { } unknown) return unknown;
        return Esy.Check(c.Configuration, profile, m.InstrumentId, m.Scores, nameof(m.Scores), out var instrument)
            ?? c.Accept(new EsyMeasured(m.MeasuredOn, m.Scores!) { InstrumentId = instrument.Id });
    }

    /// <summary>yhteenveto. A granted service that never started can be closed too, from the decision date.</summary>
    public static Outcome Close(DecisionContext c, CloseService s) =>
        Permissions.Worker(c)
        ?? Input.Date(s.EndedOn, nameof(s.EndedOn))
        ?? Input.Text(s.Summary, nameof(s.Summary))
        ?? c.NotEnded()
        ?? c.InStatus(ReferralStatus.ServiceActive, ReferralStatus.AwaitingServiceStart)
        // A later decision being drafted or signed, or a changed version owed, is finished (or returned) first.
        ?? (c.State.FollowOnDraftPending || c.State.ChangeOwed is not null ? Outcome.Reject(RejectionCode.InvalidState, nameof(ReferralStatus.AwaitingSignature)) : null)
        ?? Input.NotBefore(s.EndedOn, c.State.ServiceStartedOn ?? c.State.Decision?.SignedOn, nameof(s.EndedOn))
        ?? c.NotInFuture(s.EndedOn, nameof(s.EndedOn))
        ?? c.Accept(new ServiceClosed(s.EndedOn, s.Summary, s.FeedbackCollected));

    /// <summary>The checks shared by everything recorded while the service runs.</summary>
    internal static Outcome? During(DecisionContext c, DateOnly on, string field, Outcome? fieldsInvalid = null,
        Func<DecisionContext, Outcome?>? permitted = null) =>
        (permitted ?? Permissions.Worker)(c)
        ?? Input.Date(on, field)
        ?? fieldsInvalid
        ?? c.NotEnded()
        ?? c.InStatus(ReferralStatus.ServiceActive)
        ?? Input.NotBefore(on, c.State.ServiceStartedOn, field)
        ?? c.NotInFuture(on, field);
}
