using Referrals.Domain.Referrals;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Referrals.Domain.Profiles;

namespace Referrals.Functions.Reports;

/// <summary>Settings <c>Reports:*</c>: which authority (wellbeing services county) and municipality each
/// referring unit reports under, until units carry them in the process configuration, and the privacy limit.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The authority of every unit not listed in <see cref="Units"/>: a ReportViewer's grant names it
    /// (<c>ReportViewer:{authority}</c>).</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string Authority { get; set; } = "county";

    /// <summary>Per referring unit: its authority and municipality (kunta). A unit without a municipality reports "unknown".</summary>
    public Dictionary<string, ReportUnit> Units { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Counts below this are shown as "&lt;5" (and cells that would reveal them are suppressed too).</summary>
    [Range(1, 100)]
    public int SuppressBelow { get; set; } = 5;

    /// <summary>The first year with data: the running-service balance is summed from here.</summary>
    [Range(2000, 2100)]
    public int FirstYear { get; set; } = 2020;

    /// <summary>How long a delivery's <c>seen</c> marks are kept after its referral's version is recorded
    /// (<see cref="ReportMarkSweep"/>): far longer than a delivery runs.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan MarkRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the standalone host sweeps the marks (the Azure build's timer runs hourly).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan MarkSweepInterval { get; set; } = TimeSpan.FromHours(1);

    public const string Unknown = "unknown";

    public string AuthorityOf(string unit) => Units.TryGetValue(unit, out var u) && !string.IsNullOrWhiteSpace(u.Authority) ? u.Authority : Authority;

    public string MunicipalityOf(string unit) => Units.TryGetValue(unit, out var u) && !string.IsNullOrWhiteSpace(u.Municipality) ? u.Municipality : Unknown;
}

public sealed class ReportUnit
{
    public string? Authority { get; set; }

    public string? Municipality { get; set; }
}

internal static class ReportRegistration
{
    /// <summary>The reporting read model on storage (its projector, rebuild and reader).</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        AddReportOptions(services, configuration);
        services.TryAddSingleton(sp => new ReportProjector(Background(sp), sp.GetRequiredService<global::Referrals.Domain.Referrals.ReferralDecider>(), Configuration(sp)));
        services.TryAddSingleton(sp => new ReportRebuild(Background(sp), sp.GetRequiredService<global::Referrals.Domain.Referrals.ReferralDecider>(), Configuration(sp)));
        services.TryAddSingleton<IReportModel, TableReportModel>();
        services.TryAddSingleton(sp => new ReportMarkSweep(Background(sp), sp.GetRequiredService<IOptions<ReportOptions>>()));
        return services;
    }

    /// <summary>What the route needs besides the model: the settings and the (pure) report builder.</summary>
    public static IServiceCollection AddReportsApi(this IServiceCollection services, IConfiguration configuration)
    {
        AddReportOptions(services, configuration);
        services.TryAddSingleton<ReportBuilder>(sp => new ReportBuilder(sp.GetRequiredService<IOptions<ReportOptions>>().Value, Configuration(sp)));
        return services;
    }

    private static void AddReportOptions(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ReportOptionsMarker))) return;
        services.AddSingleton<ReportOptionsMarker>();
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
    }

    private sealed class ReportOptionsMarker;

    private static Storage.StorageAccount Background(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<Storage.StorageAccount>(Storage.StorageAccount.Background);

    private static ProcessConfiguration Configuration(IServiceProvider sp) =>
        sp.GetService<ProcessConfiguration>() ?? DefaultConfiguration.Value;

    private static readonly Lazy<ProcessConfiguration> DefaultConfiguration = new(DefaultProcessConfiguration.Load);
}
