using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>Helsinki's path: the case owner writes the service into the client plan (asiakassuunnitelma, SHL § 39) with the
/// client, and no separate § 17 decision is made. Only where the profile says so, and only while no decision has been drafted
/// for the application: a client who applies for the service is owed an appealable decision, and the case owner drafts that
/// instead (the profile's comment carries the caution). The plan names the service (one the profile offers), its start, its
/// end (or none), and the ESY re-measurement month, when one is agreed; the follow-up then runs as after a decision.</summary>
internal static class ServiceInClientPlan
{
    public static Outcome Record(DecisionContext c, RecordServiceInClientPlan p)
    {
        var refused = Permissions.Worker(c)
            ?? Input.Date(p.AgreedOn, nameof(p.AgreedOn))
            ?? Input.Date(p.Start, nameof(p.Start))
            ?? (p.End is { } end ? Input.Date(end, nameof(p.End)) : null)
            ?? (p.ServiceTypeCode is null ? null : Input.Id(p.ServiceTypeCode, nameof(p.ServiceTypeCode)))
            ?? Input.Text(p.Content, nameof(p.Content))
            ?? c.NotEnded()
            ?? c.NotSigned();
        if (refused is not null) return refused;
        if (c.WithProfile(out var profile) is { } unknown) return unknown;
        if (!profile.ServicesInClientPlan) return Outcome.Reject(RejectionCode.ClientPlanPathNotAvailable, profile.Id);
        refused = c.InStatus(ReferralStatus.AwaitingGrantingDraft)
            ?? c.NotInFuture(p.AgreedOn, nameof(p.AgreedOn))
            ?? Input.NotBefore(p.AgreedOn, Calendar.FinnishCalendar.DateIn(c.State.SubmittedAt), nameof(p.AgreedOn))
            ?? Input.NotBefore(p.Start, p.AgreedOn, nameof(p.Start))
            ?? (p.End is { } last ? Input.NotBefore(last, p.Start, nameof(p.End)) : null);
        if (refused is not null) return refused;
        var code = p.ServiceTypeCode ?? c.State.ServiceTypeCode;
        if (Drafting.Service(c.Configuration, profile, code) is null) return Outcome.Reject(RejectionCode.UnknownServiceType, code);
        if (profile.Duration is { } months && (p.End is not { } to || !Drafting.Lasts(p.Start, to, months)))
            return Outcome.Reject(RejectionCode.DurationOutOfRange, $"{months.Min}-{months.Max}");
        if (p.EsyRemeasurementMonth is { } m && m is < Drafting.EarliestEsyMonth or > Drafting.LatestEsyMonth)
            return Outcome.Reject(RejectionCode.EsyMonthOutOfRange, $"{m}");
        return c.Accept(new ServiceRecordedInClientPlan(p.AgreedOn, code, p.Start, p.End, p.EsyRemeasurementMonth, p.Content.Trim()));
    }
}
