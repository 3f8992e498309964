using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Auth;

namespace Referrals.Functions.Api.Http;

/// <summary>Who may see a referral (Act 703/2023: access by role and need). Workers, signers and
/// auditors see their units' referrals; review body members the referrals of their review body.
/// Operators never see client data. Anyone else gets 404, so a referral's existence is not revealed.</summary>
public static class ReferralAccess
{
    public static readonly IReadOnlyList<Role> Readers = [Role.ReferringWorker, Role.ReviewBodyMember, Role.Signer, Role.Auditor];

    /// <summary>The role under which the caller may read this referral, or null if none.</summary>
    public static Role? ReadingRole(Caller caller, ReferralState state) =>
        Readers.Where(caller.Has).Cast<Role?>().FirstOrDefault(role => Covers(caller, role!.Value, state));

    /// <summary>Whether the caller, acting in <paramref name="role"/>, belongs to the unit that owns this step.</summary>
    public static bool Covers(Caller caller, Role role, ReferralState state) => role switch
    {
        Role.ReviewBodyMember => caller.BelongsTo(state.ReviewBodyId),
        Role.ReferringWorker or Role.Signer or Role.Auditor => caller.BelongsTo(state.Unit),
        _ => false,
    };

    /// <summary>The unit an action is taken for: the review body for a review, otherwise the referring unit.</summary>
    public static string UnitFor(Role role, ReferralState state) => role == Role.ReviewBodyMember ? state.ReviewBodyId : state.Unit;
}
