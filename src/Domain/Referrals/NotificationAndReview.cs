using Referrals.Domain.Common;
using Referrals.Domain.Decisions;

namespace Referrals.Domain.Referrals;

/// <summary>What follows a signed decision, a granting or a refusing one alike: the decision is sent to the
/// client and the sending recorded (tiedoksianto), a request for review may arrive (oikaisuvaatimus), and the
/// review body decides on it. The case owner or the signer of the referring unit records these, also after
/// a refusal has ended the referral. Dates record what has happened: not in the future, not before what they follow.</summary>
internal static class NotificationAndReview
{
    public static Outcome Notify(DecisionContext c, RecordNotification n)
    {
        var refused = Permissions.CaseOwnerOrSigner(c)
            ?? Input.Defined(n.Method, nameof(n.Method))
            ?? Input.Date(n.SentOn, nameof(n.SentOn))
            ?? Signed(c)
            ?? (c.State.ReviewPeriodEndsOn is not null ? Outcome.Reject(RejectionCode.NotificationAlreadyRecorded) : null)
            ?? Input.NotBefore(n.SentOn, c.State.Decision!.SignedOn, nameof(n.SentOn))
            ?? c.NotInFuture(n.SentOn, nameof(n.SentOn));
        if (refused is not null) return refused;
        var law = NotificationLaw.For(n.Method, n.SentOn);
        return c.Accept(new DecisionNotified(law.Method, law.SentOn, law.DeemedOn, law.ReviewPeriodEndsOn));
    }

    public static Outcome RequestReview(DecisionContext c, RecordRequestForReview r)
    {
        var refused = Permissions.CaseOwnerOrSigner(c)
            ?? Input.Defined(r.Requester, nameof(r.Requester))
            ?? Input.Date(r.ReceivedOn, nameof(r.ReceivedOn))
            ?? Signed(c)
            ?? (c.State.DecisionFinalOn is not null ? Outcome.Reject(RejectionCode.DecisionFinal, $"{c.State.DecisionFinalOn:yyyy-MM-dd}") : null)
            ?? (c.State.RequestForReview is not null ? Outcome.Reject(RejectionCode.RequestForReviewAlreadyRecorded) : null)
            ?? Input.NotBefore(r.ReceivedOn, c.State.Decision!.SignedOn, nameof(r.ReceivedOn))
            ?? c.NotInFuture(r.ReceivedOn, nameof(r.ReceivedOn));
        if (refused is not null) return refused;
        // Before the sending is recorded the period has not started, so a request is in time.
        var lastDay = c.State.ReviewPeriodEndsOn;
        return c.Accept(new RequestForReviewReceived(r.ReceivedOn, r.Requester, InTime: lastDay is null || r.ReceivedOn <= lastDay));
    }

    public static Outcome DecideReview(DecisionContext c, RecordRequestForReviewDecision d) =>
        Permissions.CaseOwnerOrSigner(c)
        ?? Input.Defined(d.Outcome, nameof(d.Outcome))
        ?? Input.Date(d.DecidedOn, nameof(d.DecidedOn))
        ?? Input.Text(d.Reasons, nameof(d.Reasons))
        ?? (c.State.RequestForReview is not { Outcome: null } open
            ? Outcome.Reject(RejectionCode.NoOpenRequestForReview)
            : Input.NotBefore(d.DecidedOn, open.ReceivedOn, nameof(d.DecidedOn)))
        ?? c.NotInFuture(d.DecidedOn, nameof(d.DecidedOn))
        ?? c.Accept(new RequestForReviewDecided(d.Outcome, d.DecidedOn, d.Reasons));

    private static Outcome? Signed(DecisionContext c) =>
        c.State.Decision is null ? Outcome.Reject(RejectionCode.InvalidState, c.State.Status.ToString()) : null;
}
