using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Profiles;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Referrals;

/// <summary>The whole process of a referral as four pure functions over data:
/// Decide (all business rules), Evolve (fold events), Schedule (due timers derived from state),
/// Notify (messages to send). Time comes in as an argument; nothing here reads the clock.</summary>
public sealed class ReferralDecider(ProcessConfiguration configuration)
{
    public ProcessConfiguration Configuration { get; } = configuration;

    /// <summary>Accept (events stamped with the actor and <paramref name="now"/>) or reject. Never throws.</summary>
    public Outcome Decide(ReferralState state, ReferralCommand command, DateTimeOffset now) =>
        Outcome.Reject(RejectionCode.InvalidState, "not implemented");

    public static ReferralState Evolve(ReferralState state, ReferralEvent @event) => state with { Version = state.Version + 1 };

    public static ReferralState Replay(string id, IEnumerable<ReferralEvent> events) =>
        events.Aggregate(ReferralState.Initial with { Id = id }, Evolve);

    /// <summary>Every timer that is due now or later, derived from state alone.</summary>
    public IReadOnlyList<DueTimer> Schedule(ReferralState state) => [];

    /// <summary>The messages that the events just appended call for.</summary>
    public IReadOnlyList<OutgoingMessage> Notify(ReferralState state, IReadOnlyList<ReferralEvent> events) => [];
}
