namespace Referrals.Domain.Profiles;

/// <summary>The checks of what the service-provider role and its timers read from the configuration: provider units
/// (own or purchased), the provider-report interval and the SHL § 45 start limit of each profile. Part of
/// <see cref="ConfigurationProblems.Of"/>; each problem named by its place.</summary>
internal static class ServiceProvisionProblems
{
    public static void Add(ProcessConfiguration configuration, List<string> problems)
    {
        var reviewBodies = (configuration.Profiles ?? []).Where(p => p is not null).SelectMany(p => new[] { p.ReviewBodyId, p.EscalationReviewBodyId })
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var unit in (configuration.Units ?? []).Where(u => u?.Provider is not null))
        {
            if (!Enum.IsDefined(unit.Provider!.Value))
                problems.Add($"units[{unit.Id}].provider: not a provider kind (Own or Purchased)");
            if (reviewBodies.Contains(unit.Id))
                problems.Add($"units[{unit.Id}].provider: a review body cannot be a service provider (its members would read the referrals it reviewed)");
        }
        foreach (var profile in (configuration.Profiles ?? []).Where(p => p?.Deadlines is not null))
        {
            var dl = $"profiles[{profile.Id}].deadlines";
            var d = profile.Deadlines;
            if (d.ProviderReportIntervalMonths is < 0 or > ConfigurationProblems.MaxMonths)
                problems.Add($"{dl}.providerReportIntervalMonths: must be 0 (no provider-report timer) to {ConfigurationProblems.MaxMonths} months");
            if (d.ServiceStartLimitWarningDays < 0)
                problems.Add($"{dl}.serviceStartLimitWarningDays: deadlines must be positive or zero");
            else if (d.ServiceStartLimitWarningDays >= Scheduling.FollowUpLimits.ServiceStartLimitMinimumDays)
                problems.Add($"{dl}.serviceStartLimitWarningDays: the warning must come after the application, within the {Scheduling.FollowUpLimits.ServiceStartLimitMonths} months of SHL § 45 (at most {Scheduling.FollowUpLimits.ServiceStartLimitMinimumDays - 1} days)");
            if (!profile.ServiceStartLimit && d.ServiceStartLimitWarningDays > 0)
                problems.Add($"{dl}.serviceStartLimitWarningDays: set, but the profile does not watch the SHL § 45 limit (serviceStartLimit is false)");
        }
    }
}
