namespace Referrals.Domain.Referrals;

/// <summary>Where a referral is in its life. Stored by name in read models: never rename.</summary>
public enum ReferralStatus
{
    /// <summary>No referral yet.</summary>
    None,
    /// <summary>Waiting for the review body (asiakasohjausryhmä / palvelutiimi).</summary>
    AwaitingReview,
    /// <summary>The review body asked for more information; the worker supplements.</summary>
    AwaitingInformation,
    /// <summary>Approved (or no review body): the worker drafts a granting decision.</summary>
    AwaitingGrantingDraft,
    /// <summary>Refused: the worker drafts a refusing decision (appealable).</summary>
    AwaitingRefusingDraft,
    /// <summary>A draft waits for the signer.</summary>
    AwaitingSignature,
    /// <summary>A granting decision is signed; the service has not started yet.</summary>
    AwaitingServiceStart,
    /// <summary>The service runs: plan, evaluations, reports, ESY.</summary>
    ServiceActive,
    /// <summary>Ended: a refusing decision was signed.</summary>
    Refused,
    /// <summary>Ended: the service was closed with a summary.</summary>
    Closed,
    /// <summary>Ended: withdrawn by the worker before a decision was signed.</summary>
    Withdrawn,
    /// <summary>Ended: redirected to another service or body.</summary>
    Redirected,
    /// <summary>The review body changed a refusal (or the decision that ended the service) on a request for
    /// review: the worker drafts its new version. Not ended.</summary>
    AwaitingChangedDraft,
}
