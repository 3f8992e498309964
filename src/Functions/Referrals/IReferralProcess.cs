using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Referrals;

/// <summary>The four pure functions of the process, as the command path sees them. Production uses
/// <see cref="DeciderProcess"/> over the domain's <see cref="ReferralDecider"/>; a seam so that the
/// storage mechanics (atomicity, concurrency) can also be tested with a process of the test's choosing.</summary>
public interface IReferralProcess
{
    Outcome Decide(ReferralState state, ReferralCommand command, DateTimeOffset now);

    ReferralState Evolve(ReferralState state, ReferralEvent @event);

    IReadOnlyList<DueTimer> Schedule(ReferralState state);

    IReadOnlyList<OutgoingMessage> Notify(ReferralState state, IReadOnlyList<ReferralEvent> events);
}

/// <summary>The domain's decider as the process.</summary>
public sealed class DeciderProcess(ReferralDecider decider) : IReferralProcess
{
    public Outcome Decide(ReferralState state, ReferralCommand command, DateTimeOffset now) => decider.Decide(state, command, now);

    public ReferralState Evolve(ReferralState state, ReferralEvent @event) => ReferralDecider.Evolve(state, @event);

    public IReadOnlyList<DueTimer> Schedule(ReferralState state) => decider.Schedule(state);

    public IReadOnlyList<OutgoingMessage> Notify(ReferralState state, IReadOnlyList<ReferralEvent> events) => decider.Notify(state, events);
}
