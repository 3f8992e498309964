using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>Evolve is total: events that do not fit (which Decide never produces) only advance the
/// version, so every stored stream replays, and a signed decision stays as signed.</summary>
public class EvolveTests
{
    [Fact]
    public void Version_counts_the_events()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
            Assert.Equal(History.To(status).Count, ReferralDecider.Replay("r", History.To(status)).Version);
    }

    [Fact]
    public void Replay_keeps_the_id() => Assert.Equal("r-9", ReferralDecider.Replay("r-9", History.ServiceActive).Id);

    [Fact]
    public void Events_that_do_not_fit_only_advance_the_version()
    {
        var closed = ReferralDecider.Replay("r", History.Closed);
        foreach (var late in new ReferralEvent[]
                 {
                     History.Submitted(), new ReferralApproved("x"), new DecisionDrafted(2, History.RefusingDraft),
                     new ServiceStarted(new DateOnly(2027, 1, 1), null), null!,
                 })
            Assert.Equal(Json.Of(closed with { Version = closed.Version + 1 }), Json.Of(ReferralDecider.Evolve(closed, late)));

        var none = ReferralDecider.Evolve(ReferralState.Initial, new ReferralApproved("x"));
        Assert.Equal((ReferralStatus.None, 1), (none.Status, none.Version));
    }

    [Fact]
    public void A_signed_decision_is_not_replaced_by_later_drafts_or_signatures()
    {
        var signed = ReferralDecider.Replay("r", History.AwaitingServiceStart);
        var after = new ReferralEvent[]
        {
            new DecisionDrafted(2, History.RefusingDraft), new DecisionReturned(1, "x"),
            new DecisionSigned(2, "other", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 8)),
        }.Aggregate(signed, ReferralDecider.Evolve);
        Assert.Equal(Json.Of(signed with { Version = signed.Version + 3 }), Json.Of(after));
    }

    [Fact]
    public void Timers_still_count_after_the_end()
    {
        var refused = ReferralDecider.Replay("r", History.Refused);
        var final = ReferralDecider.Evolve(refused, new DecisionBecameFinal(new DateOnly(2026, 3, 17)));
        Assert.Equal(new DateOnly(2026, 3, 17), final.DecisionFinalOn);
        Assert.Equal(ReferralStatus.Refused, final.Status);
    }
}
