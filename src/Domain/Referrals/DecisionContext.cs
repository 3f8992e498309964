using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;

namespace Referrals.Domain.Referrals;

/// <summary>What every rule needs: the configuration, the referral, who acts and when. Accept stamps
/// the event with the actor and the instant, so no rule can forget to.</summary>
internal sealed record DecisionContext(ProcessConfiguration Configuration, ReferralState State, Actor By, DateTimeOffset Now)
{
    public ProcessProfile? Profile => Configuration.Profile(State.ProfileId);

    /// <summary>Today in Helsinki: dates that users record are compared against this.</summary>
    public DateOnly Today => FinnishCalendar.DateIn(Now);

    public Outcome Accept(ReferralEvent @event) => Outcome.Accept(@event with { At = Now, By = By });

    /// <summary>Something that has happened cannot be dated after today (Helsinki).</summary>
    public Outcome? NotInFuture(DateOnly on, string field) =>
        on > Today ? Outcome.Reject(RejectionCode.DateInFuture, field) : null;

    /// <summary>Ended referrals take no further action.</summary>
    public Outcome? NotEnded() => State.HasEnded ? Outcome.Reject(RejectionCode.ReferralEnded, State.Status.ToString()) : null;

    /// <summary>A signed decision never changes: later changes are a new decision.</summary>
    public Outcome? NotSigned() => State.Decision is not null ? Outcome.Reject(RejectionCode.DecisionAlreadySigned) : null;

    public Outcome? InStatus(params ReferralStatus[] allowed) =>
        allowed.Contains(State.Status) ? null : Outcome.Reject(RejectionCode.InvalidState, State.Status.ToString());

    public Outcome? WithProfile(out ProcessProfile profile)
    {
        profile = Profile!;
        return profile is null ? Outcome.Reject(RejectionCode.UnknownProfile, State.ProfileId) : null;
    }
}
