using Referrals.Domain.Calendar;
using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>linjaus: the review body's line on the application, the worker's supplement to a request
/// for information, and withdrawal before a decision is signed.</summary>
internal static class Review
{
    public static Outcome Decide(DecisionContext c, ReviewReferral r)
    {
        var refused = Permissions.Reviewer(c)
            ?? Input.Defined(r.Outcome, nameof(r.Outcome))
            ?? Input.Text(r.Reasons, nameof(r.Reasons))
            ?? (r.Outcome == ReviewOutcome.Redirect ? Input.Text(r.RedirectTo, nameof(r.RedirectTo), Limits.MaxShortText) : null)
            ?? c.NotEnded()
            ?? c.InStatus(ReferralStatus.AwaitingReview);
        if (refused is not null) return refused;

        switch (r.Outcome)
        {
            case ReviewOutcome.Approve:
                return c.Accept(new ReferralApproved(r.Reasons));
            case ReviewOutcome.Refuse:
                return c.Accept(new ReferralRefused(r.Reasons));
            case ReviewOutcome.Redirect:
                // The requested service is not given: a refusing decision with guidance follows (or a withdrawal).
                return c.Accept(new ReferralRedirectedForRefusal(r.RedirectTo!.Trim(), r.Reasons));
            case ReviewOutcome.RequestInformation:
                if (c.WithProfile(out var profile) is { } unknown) return unknown;
                var dueOn = FinnishCalendar.AddWorkingDays(c.Today, profile.Deadlines.InformationWorkingDays);
                return c.Accept(new InformationRequested(r.Reasons, dueOn));
            default:
                if (c.WithProfile(out var current) is { } missing) return missing;
                // The referral switches to the profile the body runs (checked at start: exactly one runs it).
                return current.EscalationReviewBodyId is { Length: > 0 } body && body != c.State.ReviewBodyId
                    && c.Configuration.ProfileRunBy(body) is { } target
                    ? c.Accept(new ReferralTransferred(body, r.Reasons) { ToProfileId = target.Id })
                    : Outcome.Reject(RejectionCode.TransferNotAvailable, current.Id);
        }
    }

    public static Outcome Supplement(DecisionContext c, SupplementInformation s) =>
        Permissions.Worker(c)
        ?? Input.Text(s.Text, nameof(s.Text))
        ?? c.NotEnded()
        ?? c.InStatus(ReferralStatus.AwaitingInformation)
        ?? c.Accept(new InformationSupplemented(s.Text));

    /// <summary>Any step before a decision is signed; after that the decision stands and the service is
    /// closed instead.</summary>
    public static Outcome Withdraw(DecisionContext c, WithdrawReferral w) =>
        Permissions.Worker(c)
        ?? Input.Text(w.Reason, nameof(w.Reason))
        ?? c.NotEnded()
        ?? c.NotSigned()
        ?? c.Accept(new ReferralWithdrawn(w.Reason));
}
