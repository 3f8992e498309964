using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>The service provider (palveluntuottaja): the provider unit and own or purchased service recorded at the start,
/// the provider's reports (by the case owner, or by the provider unit itself) and its rehabilitation plan
/// (kuntoutussuunnitelma, by the provider unit). Recorded while the service runs, dated like the rest of the follow-up.</summary>
internal static class ServiceProvision
{
    /// <summary>The provider unit named at the start is a provider unit of the configuration, and a kind given with it is
    /// the unit's. The kind recorded: the one given, else the unit's, else the one the granting decision named.</summary>
    public static Outcome? ProviderAtStart(DecisionContext c, StartService s, out ProviderKind? kind)
    {
        kind = s.ProviderKind ?? c.State.Grant?.Draft.ProviderKind;
        if (s.ProviderKind is { } given && !Enum.IsDefined(given)) return Input.Invalid(nameof(s.ProviderKind));
        if (s.ProviderUnit is null) return null;
        if (Input.Id(s.ProviderUnit, nameof(s.ProviderUnit)) is { } bad) return bad;
        if (c.Configuration.Unit(s.ProviderUnit) is not { Provider: { } unitKind })
            return Outcome.Reject(RejectionCode.UnknownProviderUnit, nameof(s.ProviderUnit));
        if (s.ProviderKind is { } stated && stated != unitKind)
            return Outcome.Reject(RejectionCode.UnknownProviderUnit, nameof(s.ProviderKind));
        kind = unitKind;
        return null;
    }

    public static Outcome ProviderReport(DecisionContext c, RecordProviderReport r) =>
        FollowUp.During(c, r.ReceivedOn, nameof(r.ReceivedOn), Input.Text(r.Summary, nameof(r.Summary)), Permissions.WorkerOrProvider)
        ?? c.Accept(new ProviderReportRecorded(r.ReceivedOn, r.Summary));

    public static Outcome RehabilitationPlan(DecisionContext c, RecordRehabilitationPlan p) =>
        FollowUp.During(c, p.AgreedOn, nameof(p.AgreedOn), Input.Text(p.Summary, nameof(p.Summary)), Permissions.Provider)
        ?? c.Accept(new RehabilitationPlanRecorded(p.AgreedOn, p.Summary));
}
