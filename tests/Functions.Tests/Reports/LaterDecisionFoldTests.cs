using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Referrals.Functions.Reports;

namespace Referrals.Functions.Tests.Reports;

/// <summary>The report's fold over a referral with a later decision (History's granted service, then an
/// ending decision signed 3 June 2026 and the service closed on its last day, 30 June): each decision counts
/// by its kind, the client once, and the closing by the ending decision's reason.</summary>
public class LaterDecisionFoldTests
{
    private static IEnumerable<(int, ReferralEvent)> Numbered(IEnumerable<ReferralEvent> events) => events.Select((e, n) => (n + 1, e));

    private static ReferralEvent[] EndedByDecision(EndingReason reason) =>
    [
        .. History.EndingSigned(reason),
        History.Stamp(new ServiceClosed(History.EndingLastDay, "Tavoitteet on saavutettu.", false) { EndedByDecision = 2, EndingReason = reason }, 148, Actors.System),
    ];

    private static long Sum(ReferralReportFacts facts, Func<string, bool> counter) =>
        facts.Contributions.Where(c => counter(c.Counter)).Sum(c => c.Value);

    [Theory]
    [InlineData(EndingReason.GoalsMet)]
    [InlineData(EndingReason.ClientWish)]
    [InlineData(EndingReason.NotTakingPart)]
    public void An_ending_decision_counts_as_its_kind_the_client_once_and_the_closing_by_its_reason(EndingReason reason)
    {
        var facts = ReportContributions.Fold("r-ended", Numbered(EndedByDecision(reason)));

        Assert.Equal(1, Sum(facts, c => c == ReportCounters.Signed(nameof(DecisionKind.Granting))));
        Assert.Equal(1, Sum(facts, c => c == ReportCounters.Signed(nameof(DecisionKind.Ending))));
        Assert.Equal(1, Sum(facts, c => c.StartsWith("age.", StringComparison.Ordinal)));
        Assert.Equal(1, Sum(facts, c => c == ReportCounters.BirthDecade(1990)));
        var closed = Assert.Single(facts.Contributions, c => c.Counter.StartsWith("closed.", StringComparison.Ordinal));
        Assert.Equal(ReportCounters.Closed(ReportCounters.EndedBecause(reason)), closed.Counter);
        Assert.Contains(ReportCounters.EndedBecause(reason), ReportCounters.ClosedReasons);
    }

    [Fact]
    public void A_service_closed_at_its_decided_end_without_an_ending_decision_still_counts_as_planned()
    {
        var facts = ReportContributions.Fold("r-planned", Numbered(History.ServiceActive.Append(
            History.Stamp(new ServiceClosed(new DateOnly(2026, 12, 31), "Päättyi.", true), 334, Actors.Worker))));
        Assert.Equal(ReportCounters.Closed("planned-end"), Assert.Single(facts.Contributions, c => c.Counter.StartsWith("closed.", StringComparison.Ordinal)).Counter);
    }
}
