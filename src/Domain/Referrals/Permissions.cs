using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>Who may act on a referral. Roles come from the caller's claims and the unit is the one
/// they act for; the referral belongs to its referring unit, and its review to the current review body.</summary>
internal static class Permissions
{
    /// <summary>A referring worker of the referral's unit (supplement, withdraw, draft, follow-up, close).</summary>
    public static Outcome? Worker(DecisionContext c) =>
        Allow(c.By.Role == Role.ReferringWorker && Same(c.By.Unit, c.State.Unit), c);

    /// <summary>A member of the review body that currently holds the referral.</summary>
    public static Outcome? Reviewer(DecisionContext c) =>
        Allow(c.By.Role == Role.ReviewBodyMember && c.State.ReviewBodyId.Length > 0 && Same(c.By.Unit, c.State.ReviewBodyId), c);

    /// <summary>The signer of the referring unit. The profile says which leader signs (lead social
    /// worker or group leader); the Signer role claim is given to whichever it is.</summary>
    public static Outcome? Signer(DecisionContext c) =>
        Allow(c.By.Role == Role.Signer && Same(c.By.Unit, c.State.Unit), c);

    /// <summary>A referring worker or the signer of the referral's unit: who records the sending of a
    /// decision, a request for review and the review body's decision on it.</summary>
    public static Outcome? CaseOwnerOrSigner(DecisionContext c) =>
        Allow(c.By.Role is Role.ReferringWorker or Role.Signer && Same(c.By.Unit, c.State.Unit), c);

    /// <summary>The service-provider unit the service is assigned to (recorded at the start).</summary>
    public static Outcome? Provider(DecisionContext c) =>
        Allow(c.By.Role == Role.ServiceProvider && c.State.ProviderUnit is { } unit && Same(c.By.Unit, unit), c);

    /// <summary>A referring worker of the referral's unit or its provider unit: who records a provider report.</summary>
    public static Outcome? WorkerOrProvider(DecisionContext c) => c.By.Role == Role.ServiceProvider ? Provider(c) : Worker(c);

    /// <summary>Timers come due only through the clock.</summary>
    public static Outcome? System(DecisionContext c) => Allow(c.By.Role == Role.System, c);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    private static Outcome? Allow(bool allowed, DecisionContext c) =>
        allowed ? null : Outcome.Reject(RejectionCode.NotPermitted, $"{c.By.Role}@{c.By.Unit}");
}
