using Referrals.Domain.Referrals;

namespace Referrals.Domain.Common;

/// <summary>The outcome of <c>Decide</c>: the events to append, or why not.</summary>
public abstract record Outcome
{
    private Outcome() { }

    public sealed record Accepted(IReadOnlyList<ReferralEvent> Events) : Outcome;

    public sealed record Rejected(Rejection Rejection) : Outcome;

    public static Outcome Accept(params ReferralEvent[] events) => new Accepted(events);

    public static Outcome Reject(RejectionCode code, string? detail = null) => new Rejected(new Rejection(code, detail));

    /// <summary>A timer that came due after the state moved on: accepted, nothing happens.</summary>
    public static readonly Outcome Nothing = new Accepted([]);
}
