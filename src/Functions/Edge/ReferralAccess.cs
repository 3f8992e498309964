using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Auth;

namespace Referrals.Functions.Edge;

/// <summary>Who may see a referral (Act 703/2023: access by role and need), checked as (role, unit) pairs.
/// Workers, signers and auditors see the referrals of the units where they hold that role; review body
/// members a referral only while their body holds it for review (waiting for its line, or for the
/// information it asked for: the referral with the body's own earlier lines), not after its line has
/// moved the referral on (drafting, signing, service); after that a body sees only its own lines
/// (<see cref="Review.ReviewLines"/>). A service provider (<see cref="Role.ServiceProvider"/>) sees a referral only
/// once its service was started with the provider's unit as its provider unit, and then only the provider's view
/// (<see cref="Referrals.ProviderReferralView"/>). Operators never see client data. Anyone else
/// gets 404, so a referral's existence is not revealed.</summary>
internal static class ReferralAccess
{
    public static readonly IReadOnlyList<Role> Readers = [Role.ReferringWorker, Role.ReviewBodyMember, Role.Signer, Role.Auditor];

    /// <summary>Who may open the referral itself (GET /api/referrals/{id}): the readers, and last the service provider
    /// the service is assigned to (a caller holding another reading role for the referral reads it in that role).</summary>
    public static readonly IReadOnlyList<Role> ReferralReaders = [.. Readers, Role.ServiceProvider];

    /// <summary>The role under which the caller may read this referral, or null if none.</summary>
    public static Role? ReadingRole(Caller caller, ReferralState state) => RoleFor(caller, Readers, state);

    /// <summary>The first of <paramref name="roles"/> the caller holds for this referral's step, or null if none.</summary>
    public static Role? RoleFor(Caller caller, IReadOnlyList<Role> roles, ReferralState state)
    {
        foreach (var role in roles)
            if (caller.Has(role) && Covers(caller, role, state)) return role;
        return null;
    }

    /// <summary>Whether the caller, acting in <paramref name="role"/>, belongs to the unit that owns this step.</summary>
    public static bool Covers(Caller caller, Role role, ReferralState state) => role switch
    {
        Role.ReviewBodyMember => HeldForReview(state) && caller.Holds(role, state.ReviewBodyId),
        Role.ReferringWorker or Role.Signer or Role.Auditor => caller.Holds(role, state.Unit),
        Role.ServiceProvider => state.ProviderUnit is { } providerUnit && caller.Holds(role, providerUnit),
        _ => false,
    };

    /// <summary>Whether the referral's review body holds it now: waiting for its line or for the information it asked.</summary>
    public static bool HeldForReview(ReferralState state) =>
        state.Status is ReferralStatus.AwaitingReview or ReferralStatus.AwaitingInformation;

    /// <summary>The unit an action is taken for: the review body for a review, the provider unit for the service
    /// provider, otherwise the referring unit.</summary>
    public static string UnitFor(Role role, ReferralState state) => role switch
    {
        Role.ReviewBodyMember => state.ReviewBodyId,
        Role.ServiceProvider => state.ProviderUnit ?? "",
        _ => state.Unit,
    };
}
