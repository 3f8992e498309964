using Referrals.Domain.Common;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Tests.Support;

/// <summary>Given(events).When(command).Then(events | rejection). Expected events are written without
/// At/By: Then stamps them with the command's actor and instant, which is what Decide must do.</summary>
public sealed class Spec
{
    public const string ReferralId = "referral-1";
    private readonly ReferralDecider decider;
    private readonly IReadOnlyList<ReferralEvent> given;
    private ReferralCommand? command;
    private DateTimeOffset now;

    private Spec(ReferralDecider decider, IReadOnlyList<ReferralEvent> given) => (this.decider, this.given) = (decider, given);

    public static Spec Given(params ReferralEvent[] events) => new(Process.Decider, events);

    public static Spec Given(IEnumerable<ReferralEvent> events) => new(Process.Decider, events.ToArray());

    public static Spec Given(ReferralDecider decider, IEnumerable<ReferralEvent> events) => new(decider, events.ToArray());

    public ReferralState State => ReferralDecider.Replay(ReferralId, given);

    /// <summary>Runs the command an hour after the last given event unless told when.</summary>
    public Spec When(ReferralCommand what, DateTimeOffset? at = null)
    {
        command = what;
        now = at ?? (given.Count > 0 ? given[^1].At.AddHours(1) : History.T0);
        return this;
    }

    public Outcome Outcome => decider.Decide(State, command ?? throw new InvalidOperationException("When first"), now);

    public IReadOnlyList<ReferralEvent> Then(params ReferralEvent[] expected)
    {
        var accepted = Assert.IsType<Outcome.Accepted>(Outcome);
        var stamped = expected.Select(e => e with { At = now, By = command!.By });
        Assert.Equal(Json.Of(stamped), Json.Of(accepted.Events));
        return accepted.Events;
    }

    /// <summary>The state after the command's events.</summary>
    public ReferralState ThenState()
    {
        var accepted = Assert.IsType<Outcome.Accepted>(Outcome);
        return accepted.Events.Aggregate(State, ReferralDecider.Evolve);
    }

    public Rejection ThenRejected(RejectionCode code, string? detail = null)
    {
        var rejected = Assert.IsType<Outcome.Rejected>(Outcome);
        Assert.Equal(code, rejected.Rejection.Code);
        if (detail is not null) Assert.Equal(detail, rejected.Rejection.Detail);
        return rejected.Rejection;
    }

    public void ThenNothing() => Assert.Empty(Assert.IsType<Outcome.Accepted>(Outcome).Events);
}
