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
        var unsigned = Signed(c, n.DecisionNumber, out var decision);
        var refused = Permissions.CaseOwnerOrSigner(c)
            ?? Input.Defined(n.Method, nameof(n.Method))
            ?? Input.Date(n.SentOn, nameof(n.SentOn))
            ?? unsigned
            ?? (decision!.ReviewPeriodEndsOn is not null ? Outcome.Reject(RejectionCode.NotificationAlreadyRecorded) : null)
            ?? Input.NotBefore(n.SentOn, decision.SignedOn, nameof(n.SentOn))
            ?? c.NotInFuture(n.SentOn, nameof(n.SentOn));
        if (refused is not null) return refused;
        var law = NotificationLaw.For(n.Method, n.SentOn);
        return Accept(c, decision!, new DecisionNotified(law.Method, law.SentOn, law.DeemedOn, law.ReviewPeriodEndsOn));
    }

    public static Outcome RequestReview(DecisionContext c, RecordRequestForReview r)
    {
        var unsigned = Signed(c, r.DecisionNumber, out var decision);
        var refused = Permissions.CaseOwnerOrSigner(c)
            ?? Input.Defined(r.Requester, nameof(r.Requester))
            ?? Input.Date(r.ReceivedOn, nameof(r.ReceivedOn))
            ?? unsigned
            ?? (decision!.FinalOn is not null ? Outcome.Reject(RejectionCode.DecisionFinal, $"{decision.FinalOn:yyyy-MM-dd}") : null)
            ?? (decision.RequestForReview is not null ? Outcome.Reject(RejectionCode.RequestForReviewAlreadyRecorded) : null)
            ?? Input.NotBefore(r.ReceivedOn, decision.SignedOn, nameof(r.ReceivedOn))
            ?? c.NotInFuture(r.ReceivedOn, nameof(r.ReceivedOn));
        if (refused is not null) return refused;
        // Before the sending is recorded the period has not started, so a request is in time.
        var lastDay = decision!.ReviewPeriodEndsOn;
        return Accept(c, decision, new RequestForReviewReceived(r.ReceivedOn, r.Requester, InTime: lastDay is null || r.ReceivedOn <= lastDay));
    }

    /// <summary>Changed: the decision's new version is drafted next (one at a time: a second change waits for it).</summary>
    public static Outcome DecideReview(DecisionContext c, RecordRequestForReviewDecision d)
    {
        var refused = Permissions.CaseOwnerOrSigner(c)
            ?? Input.Defined(d.Outcome, nameof(d.Outcome))
            ?? Input.Date(d.DecidedOn, nameof(d.DecidedOn))
            ?? Input.Text(d.Reasons, nameof(d.Reasons))
            ?? (d.DecisionNumber is null ? null : Signed(c, d.DecisionNumber, out _))
            ?? (Chosen(c, d.DecisionNumber)?.RequestForReview is not { Outcome: null } open
                ? Outcome.Reject(RejectionCode.NoOpenRequestForReview)
                : Input.NotBefore(d.DecidedOn, open.ReceivedOn, nameof(d.DecidedOn)))
            ?? c.NotInFuture(d.DecidedOn, nameof(d.DecidedOn))
            ?? (d.Outcome == RequestForReviewOutcome.Changed && c.State.ChangeOwed is not null
                ? Outcome.Reject(RejectionCode.InvalidState, nameof(ReferralStatus.AwaitingChangedDraft)) : null);
        if (refused is not null) return refused;
        var decided = new RequestForReviewDecided(d.Outcome, d.DecidedOn, d.Reasons) { NewVersionFollows = d.Outcome == RequestForReviewOutcome.Changed };
        return Accept(c, Chosen(c, d.DecisionNumber)!, decided);
    }

    /// <summary>The decision named (1, 2, … in signing order), or the latest when none is named.</summary>
    private static DecisionCourse? Chosen(DecisionContext c, int? number)
    {
        var decisions = c.State.SignedDecisions;
        var n = number ?? decisions.Count;
        return n >= 1 && n <= decisions.Count ? decisions[n - 1] : null;
    }

    private static Outcome? Signed(DecisionContext c, int? number, out DecisionCourse? decision)
    {
        decision = Chosen(c, number);
        if (decision is not null) return null;
        return number is null || c.State.Decision is null
            ? Outcome.Reject(RejectionCode.InvalidState, c.State.Status.ToString())
            : Input.Invalid("DecisionNumber");
    }

    /// <summary>The event names its decision only when it is an earlier one than the latest.</summary>
    private static Outcome Accept<T>(DecisionContext c, DecisionCourse decision, T @event) where T : ReferralEvent =>
        c.Accept(decision.Number == c.State.SignedDecisions.Count ? @event : @event switch
        {
            DecisionNotified e => e with { DecisionNumber = decision.Number },
            RequestForReviewReceived e => e with { DecisionNumber = decision.Number },
            RequestForReviewDecided e => e with { DecisionNumber = decision.Number },
            _ => @event,
        });
}
