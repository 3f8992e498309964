using Referrals.Domain.Decisions;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Api.Decisions;

/// <summary>Assembles what <see cref="DecisionDocument.Render"/> needs from the referral and the process
/// configuration, for a draft (no date, no signer) or for the signed decision.</summary>
public static class DecisionContents
{
    public static DecisionContent ForDraft(ReferralState state, ProcessConfiguration? configuration) =>
        Build(state, state.DraftVersion, state.Draft!, configuration, null, null);

    public static DecisionContent ForSigned(ReferralState state, ProcessConfiguration? configuration) =>
        Build(state, state.Decision!.DraftVersion, state.Decision.Draft, configuration, state.Decision.SignedOn, state.Decision.SignedBy);

    private static DecisionContent Build(
        ReferralState state, int version, DecisionDraft draft, ProcessConfiguration? configuration, DateOnly? date, string? signedBy)
    {
        var service = configuration?.Catalogue.Find(draft.ServiceTypeCode)
            ?? new ServiceType(draft.ServiceTypeCode, draft.ServiceTypeCode, draft.ServiceTypeCode, draft.LegalBasisCode);
        var basis = configuration?.Catalogue.Basis(draft.LegalBasisCode)
            ?? new LegalBasis(draft.LegalBasisCode, draft.LegalBasisCode, draft.LegalBasisCode);
        var authority = configuration?.Authority ?? new Authority("", "");
        return new DecisionContent(state.Id, authority, state.Unit, state.ClientId, version, draft, service, basis, date, signedBy);
    }
}
