using Referrals.Domain.Esy;
using static Referrals.Domain.Tests.Esy.ExampleInstrument;

namespace Referrals.Domain.Tests.Esy;

public class EsyComparisonTests
{
    private readonly EsyInstrument instrument = Load();

    private static readonly EsyScores Baseline = Scores(
        ("housing", 3), ("finances", 2), ("health", 5), ("relationships", 4), ("daily-life", 6), ("work-study", 1));
    private static readonly EsyScores Previous = Scores(
        ("housing", 5), ("finances", 2), ("health", 4), ("relationships", 4), ("daily-life", 7), ("work-study", 3));
    private static readonly EsyScores Current = Scores(
        ("housing", 5), ("finances", 4), ("health", 3), ("relationships", 6), ("daily-life", 6), ("work-study", 1));

    [Fact]
    public void The_example_instrument_is_labelled_as_an_example()
    {
        Assert.True(instrument.IsExample);
        Assert.Contains("ESIMERKKI", instrument.NameFi);
        Assert.Contains("EXEMPEL", instrument.NameSv);
        Assert.True(instrument.Accepts(Baseline));
    }

    [Fact]
    public void Each_area_is_compared_with_the_baseline_and_the_previous_measurement()
    {
        var c = EsyComparison.Compare(instrument, Baseline, Previous, Current);

        Assert.Equal(instrument.Areas.Select(a => a.Code), c.Areas.Select(a => a.Area.Code));
        //                         area            now base prev  Δbase Δprev  since baseline         since previous
        Expect(c.For("housing"), 5, 3, 5, 2, 0, EsyDirection.Improved, EsyDirection.Same);
        Expect(c.For("finances"), 4, 2, 2, 2, 2, EsyDirection.Improved, EsyDirection.Improved);
        Expect(c.For("health"), 3, 5, 4, -2, -1, EsyDirection.Worse, EsyDirection.Worse);
        Expect(c.For("relationships"), 6, 4, 4, 2, 2, EsyDirection.Improved, EsyDirection.Improved);
        Expect(c.For("daily-life"), 6, 6, 7, 0, -1, EsyDirection.Same, EsyDirection.Worse);
        Expect(c.For("work-study"), 1, 1, 3, 0, -2, EsyDirection.Same, EsyDirection.Worse);

        Assert.True(c.IsComplete);
        Assert.Equal(3, c.ImprovedSinceBaseline);
        Assert.Equal(1, c.WorseSinceBaseline);
        Assert.Equal(2, c.ImprovedSincePrevious);
        Assert.Equal(3, c.WorseSincePrevious);
    }

    private static void Expect(EsyAreaChange? change, int now, int baseline, int previous, int fromBaseline, int fromPrevious,
        EsyDirection sinceBaseline, EsyDirection sincePrevious)
    {
        Assert.NotNull(change);
        Assert.Equal((now, baseline, previous), (change.Current, change.Baseline, change.Previous));
        Assert.Equal((fromBaseline, fromPrevious), (change.ChangeFromBaseline, change.ChangeFromPrevious));
        Assert.Equal((sinceBaseline, sincePrevious), (change.SinceBaseline, change.SincePrevious));
    }

    [Fact]
    public void Where_lower_is_better_the_directions_turn_round()
    {
        var reversed = instrument with { HigherIsBetter = false };
        var c = EsyComparison.Compare(reversed, Baseline, Previous, Current);
        Assert.Equal(EsyDirection.Worse, c.For("housing")!.SinceBaseline);
        Assert.Equal(EsyDirection.Improved, c.For("health")!.SinceBaseline);
        Assert.Equal(EsyDirection.Same, c.For("daily-life")!.SinceBaseline);
        Assert.Equal(2, c.For("housing")!.ChangeFromBaseline); // the change itself stays on the scale
    }

    [Fact]
    public void Without_a_baseline_or_a_previous_measurement_those_comparisons_are_empty()
    {
        var first = EsyComparison.Compare(instrument, baseline: null, previous: null, Current);
        Assert.All(first.Areas, a =>
        {
            Assert.NotNull(a.Current);
            Assert.Null(a.ChangeFromBaseline);
            Assert.Null(a.SinceBaseline);
            Assert.Null(a.ChangeFromPrevious);
            Assert.Null(a.SincePrevious);
        });
        Assert.Equal(0, first.ImprovedSinceBaseline + first.WorseSinceBaseline);

        var second = EsyComparison.Compare(instrument, Baseline, previous: null, Current);
        Assert.Equal(EsyDirection.Improved, second.For("finances")!.SinceBaseline);
        Assert.Null(second.For("finances")!.SincePrevious);
    }

    [Fact]
    public void A_missing_area_is_reported_as_missing_and_unknown_areas_are_ignored()
    {
        var partial = Scores(("housing", 7), ("unknown-area", 9));
        var c = EsyComparison.Compare(instrument, Baseline, Previous, partial);
        Assert.False(c.IsComplete);
        Assert.Equal(EsyDirection.Improved, c.For("housing")!.SinceBaseline);
        Assert.Null(c.For("finances")!.Current);
        Assert.Null(c.For("finances")!.SinceBaseline);
        Assert.Null(c.For("unknown-area"));
        Assert.Equal(instrument.Areas.Count, c.Areas.Count);
    }

    [Fact]
    public void The_comparison_is_a_value()
    {
        var a = EsyComparison.Compare(instrument, Baseline, Previous, Current);
        var b = EsyComparison.Compare(instrument, Baseline, Previous, Current);
        Assert.Equal(a.Areas, b.Areas);
    }

    [Fact]
    public void Every_direction_has_a_label_in_every_language()
    {
        foreach (var direction in Enum.GetValues<EsyDirection>())
        foreach (var lang in Texts.Languages)
            Assert.NotEqual($"esy.direction.{direction}", direction.Label(lang));
        Assert.Equal("Parantunut", EsyDirection.Improved.Label("fi"));
        Assert.Equal("Försämrats", EsyDirection.Worse.Label("sv"));
    }
}
