using Referrals.Domain.Profiles;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Profiles;

/// <summary>The shipped process configuration: the three local variants, the catalogue with its legal
/// bases, and the ESY instrument, clearly an example.</summary>
public class ConfigurationTests
{
    private static readonly ProcessConfiguration Config = DefaultProcessConfiguration.Load();

    [Fact]
    public void The_shipped_configuration_is_consistent() => Assert.Empty(ConfigurationProblems.Of(Config));

    [Fact]
    public void The_three_local_variants_are_there_as_data()
    {
        var steering = Config.Profile(Process.SteeringGroup)!;
        Assert.Equal((Process.SteeringGroup, null, SignerRule.LeadSocialWorkerOfReferringUnit),
            (steering.ReviewBodyId, steering.EscalationReviewBodyId, steering.Signer));

        var steppi = Config.Profile(Process.Steppi)!;
        Assert.Equal((Process.SteppiTeam, Process.SteeringGroup, SignerRule.LeadSocialWorkerOfReferringUnit),
            (steppi.ReviewBodyId, steppi.EscalationReviewBodyId, steppi.Signer));
        Assert.Equal(new AgeRange(18, 64), steppi.Ages);
        Assert.Equal(new MonthRange(3, 6), steppi.Duration);

        var espoo = Config.Profile(Process.Espoo)!;
        Assert.Equal((null, SignerRule.GroupLeaderOfReferringUnit), (espoo.ReviewBodyId, espoo.Signer));
    }

    [Theory]
    [InlineData("sr-everyday-coaching", "SHL-17", "17 §")]
    [InlineData("work-activity-employment-support", "SHL-27d", "27 d §")]
    [InlineData("work-activity", "SHL-27e", "27 e §")]
    [InlineData("rehabilitative-work-activity", "L189-2001", "189/2001")]
    public void Every_service_names_its_legal_basis(string service, string basis, string citation)
    {
        var type = Config.Catalogue.Find(service)!;
        Assert.Equal(basis, type.LegalBasisCode);
        Assert.Contains(citation, Config.Catalogue.Basis(basis)!.CitationFi, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(type.NameSv));
    }

    [Fact]
    public void The_ESY_instrument_is_labelled_an_example()
    {
        var esy = Config.EsyInstrument;
        Assert.True(esy.IsExample);
        Assert.Contains("esimerkki", esy.NameFi, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(8, esy.Areas.Count);
        Assert.Equal((1, 10), (esy.ScaleMin, esy.ScaleMax));
    }

    [Fact]
    public void The_authority_is_named_in_both_languages() =>
        Assert.False(string.IsNullOrWhiteSpace(Config.Authority.NameFi) || string.IsNullOrWhiteSpace(Config.Authority.NameSv));

    [Fact]
    public void A_broken_configuration_is_reported()
    {
        var broken = Config with
        {
            Profiles = [.. Config.Profiles, Config.Profile(Process.Espoo)! with { ServiceTypes = ["nope"], EscalationReviewBodyId = "x" }],
        };
        var problems = ConfigurationProblems.Of(broken);
        Assert.Contains(problems, p => p.Contains("defined more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown service type nope", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("escalation body", StringComparison.Ordinal));
    }

    [Fact]
    public void Implausible_deadlines_are_reported()
    {
        var espoo = Config.Profile(Process.Espoo)!;
        var broken = Config with { Profiles = [espoo with { Deadlines = espoo.Deadlines with { ReviewWorkingDays = int.MaxValue } }] };
        Assert.Contains(ConfigurationProblems.Of(broken), p => p.Contains("implausibly long", StringComparison.Ordinal));
    }

    [Fact]
    public void An_operator_supplied_configuration_parses_the_same_way()
    {
        using var stream = typeof(DefaultProcessConfiguration).Assembly.GetManifestResourceStream(
            typeof(DefaultProcessConfiguration).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("process.json", StringComparison.Ordinal)))!;
        var text = new StreamReader(stream).ReadToEnd();
        Assert.Equal(Config.Profiles.Count, DefaultProcessConfiguration.Parse(text).Profiles.Count);
    }
}
