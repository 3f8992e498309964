using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>vastuutyöntekijän vaihto (SHL § 42): the case owner changes, with a reason. The unit's signer (its leader) or the
/// current case owner hands the referral over; the new owner is a worker of the same unit (a referral never changes unit
/// here). From the change on, the case owner's reminders and mails go to the new owner, and under "the case owner decides"
/// the new owner is the one who signs. Any time before the referral has ended; a draft waiting for signature stays.
/// The domain cannot see another person's grants: the new owner's id is the one the county's directory gives, and they act
/// on the referral only with the ReferringWorker grant of its unit, as every worker does.</summary>
internal static class CaseOwnerChange
{
    public static Outcome Change(DecisionContext c, ChangeCaseOwner change)
    {
        var by = c.By;
        var leader = by.Role == Role.Signer && by.Unit == c.State.Unit;
        var owner = by.Role == Role.ReferringWorker && by.Unit == c.State.Unit && by.UserId == c.State.CaseOwner;
        if (!leader && !owner)
            return by.Role == Role.ReferringWorker && by.Unit == c.State.Unit
                ? Outcome.Reject(RejectionCode.NotTheCaseOwner, by.UserId)
                : Outcome.Reject(RejectionCode.NotPermitted, $"{by.Role}@{by.Unit}");
        return Input.Id(change.NewOwner, nameof(change.NewOwner))
            ?? Input.Text(change.Reason, nameof(change.Reason))
            ?? (change.NewOwner.Trim() == c.State.CaseOwner ? Outcome.Reject(RejectionCode.InvalidInput, nameof(change.NewOwner) + ": already the case owner") : null)
            ?? c.NotEnded()
            ?? c.Accept(new CaseOwnerChanged(c.State.CaseOwner, change.NewOwner.Trim(), change.Reason.Trim()));
    }
}
