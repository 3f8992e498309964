using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Referrals;

/// <summary>A referral as the service provider it is assigned to sees it: what the provider needs to run the service
/// and nothing else (data minimisation, Act 703/2023). No client id, birth date, identity code or name, no assessment,
/// review, decision reasons or case owner: the referral id, the service granted (type, form, content, extent, own or
/// purchased), its start and decided end, and the dates of the provider reports and of the provider's rehabilitation
/// plan recorded so far. The version is the ETag for the provider's commands.</summary>
internal sealed record ProviderReferralView(
    string Id,
    int Version,
    ReferralStatus Status,
    string ProviderUnit,
    ProviderKind? ProviderKind,
    string ServiceTypeCode,
    ServiceForm? Form,
    string? Content,
    string? Extent,
    DateOnly? ServiceStartedOn,
    DateOnly? DecidedEnd,
    bool UntilFurtherNotice,
    DateOnly? RehabilitationPlanOn,
    IReadOnlyList<DateOnly> ProviderReports,
    DateOnly? ClosedOn)
{
    public static ProviderReferralView From(ReferralState s)
    {
        var grant = s.Grant?.Draft;
        return new(
            s.Id, s.Version, s.Status, s.ProviderUnit ?? "", s.ProviderKind, grant?.ServiceTypeCode ?? s.ServiceInPlan?.ServiceTypeCode ?? s.ServiceTypeCode,
            grant?.Form, grant?.Content ?? s.ServiceInPlan?.Content, grant?.Extent, s.ServiceStartedOn, s.ServiceEndsOn,
            grant?.UntilFurtherNotice ?? false, s.RehabilitationPlanOn, s.ProviderReports, s.ClosedOn);
    }
}
