using Referrals.Domain.Common;
using Referrals.Domain.Profiles;

namespace Referrals.Domain.Referrals;

/// <summary>päätöksentekijä: who may sign (or return) a referral's decision under its profile's signer rule. The rule
/// is read from the profile the referral runs under now (a transfer switches it). A person's title is never read from
/// their title claim: the county gives the <c>Signer:{unit}</c> grant to whoever the rule names in that unit, and the
/// actor's role and unit are that grant.</summary>
internal static class SignerRules
{
    public static Outcome? MaySign(DecisionContext c)
    {
        if (c.Profile is not { } profile)
            return Permissions.Signer(c);
        var unit = profile.SigningUnit(c.State.Unit);
        var allowed = c.By.Role == Role.Signer && string.Equals(c.By.Unit, unit, StringComparison.Ordinal)
            && (profile.Signer != SignerRule.CaseOwner || string.Equals(c.By.UserId, c.State.CaseOwner, StringComparison.Ordinal));
        if (allowed) return null;
        // A stranger is simply not permitted; a signer of the referral's own unit or of the signing unit whom the rule does not
        // name (the referring unit's leader where a named unit decides, or anyone but the case owner where they decide) is told who decides.
        return c.By.Role == Role.Signer && (c.By.Unit == c.State.Unit || c.By.Unit == unit)
            ? Outcome.Reject(RejectionCode.NotTheDecisionMaker, $"{profile.Signer}@{unit}")
            : Outcome.Reject(RejectionCode.NotPermitted, $"{c.By.Role}@{c.By.Unit}");
    }
}
