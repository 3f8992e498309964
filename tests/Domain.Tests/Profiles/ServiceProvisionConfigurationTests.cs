using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Profiles;

/// <summary>What the provider role and its timers read from the configuration, checked at start by place.</summary>
public class ServiceProvisionConfigurationTests
{
    private static readonly ProcessConfiguration Config = DefaultProcessConfiguration.Load();

    [Fact]
    public void The_shipped_configuration_has_own_and_purchased_provider_units_and_a_provider_report_interval_per_profile()
    {
        Assert.Equal(ProviderKind.Purchased, Config.Unit(Actors.ProviderUnit)?.Provider);
        Assert.Equal(ProviderKind.Own, Config.Unit(Actors.OwnProviderUnit)?.Provider);
        Assert.Null(Config.Unit(Actors.Unit)?.Provider);
        Assert.All(Config.Profiles, p => Assert.InRange(p.Deadlines.ProviderReportIntervalMonths, 1, 12));
        Assert.True(Config.Profile(Process.Satakunta)!.ServiceStartLimit);
        Assert.False(Config.Profile(Process.SteeringGroup)!.ServiceStartLimit);
    }

    [Fact]
    public void Every_broken_provider_setting_is_named_by_its_place()
    {
        var vantaa = Config.Profile(Process.SteeringGroup)!;
        var satakunta = Config.Profile(Process.Satakunta)!;
        var broken = Config with
        {
            Units =
            [
                .. Config.Units.Select(u => u.Id == Process.SteeringGroup ? u with { Provider = ProviderKind.Own } : u),
                Config.Unit(Actors.ProviderUnit)! with { Id = "odd-provider", Provider = (ProviderKind)9 },
            ],
            Profiles =
            [
                .. Config.Profiles.Where(p => p.Id != vantaa.Id && p.Id != satakunta.Id),
                vantaa with { Deadlines = vantaa.Deadlines with { ProviderReportIntervalMonths = -1, ServiceStartLimitWarningDays = 5 } },
                satakunta with { Deadlines = satakunta.Deadlines with { ProviderReportIntervalMonths = 61, ServiceStartLimitWarningDays = 90 } },
            ],
        };
        var problems = ConfigurationProblems.Of(broken);
        Assert.Contains("units[vantaa-steering-group].provider: a review body cannot be a service provider (its members would read the referrals it reviewed)", problems);
        Assert.Contains("units[odd-provider].provider: not a provider kind (Own or Purchased)", problems);
        Assert.Contains("profiles[vantaa-steering-group].deadlines.providerReportIntervalMonths: must be 0 (no provider-report timer) to 60 months", problems);
        Assert.Contains("profiles[vantaa-steering-group].deadlines.serviceStartLimitWarningDays: set, but the profile does not watch the SHL § 45 limit (serviceStartLimit is false)", problems);
        Assert.Contains("profiles[satakunta].deadlines.providerReportIntervalMonths: must be 0 (no provider-report timer) to 60 months", problems);
        Assert.Contains("profiles[satakunta].deadlines.serviceStartLimitWarningDays: the warning must come after the application, within the 3 months of SHL § 45 (at most 88 days)", problems);
    }

    [Fact]
    public void The_provider_fields_load_from_the_county_file()
    {
        var assembly = typeof(DefaultProcessConfiguration).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Config.process.json", StringComparison.Ordinal)))!;
        var json = new StreamReader(stream).ReadToEnd()
            .Replace("\"ProviderReportIntervalMonths\": 3,", "\"ProviderReportIntervalMonths\": 4,", StringComparison.Ordinal);
        var loaded = DefaultProcessConfiguration.Parse(json);
        Assert.Contains(loaded.Profiles, p => p.Deadlines.ProviderReportIntervalMonths == 4);
        Assert.Equal(ProviderKind.Purchased, loaded.Unit(Actors.ProviderUnit)?.Provider);
    }
}
