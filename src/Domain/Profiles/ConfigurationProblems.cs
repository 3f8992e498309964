namespace Referrals.Domain.Profiles;

/// <summary>Consistency checks for a process configuration, run at start-up and in tests, so that a
/// referral never meets a profile that names a service the catalogue lacks or a service without a
/// legal basis. Returns what is wrong; an empty list means the configuration is usable.</summary>
public static class ConfigurationProblems
{
    public const int MaxWorkingDays = 250;
    public const int MaxDays = 366;
    public const int MaxMonths = 60;

    public static IReadOnlyList<string> Of(ProcessConfiguration configuration)
    {
        var problems = new List<string>();
        var catalogue = configuration.Catalogue;
        foreach (var service in catalogue.Services)
            if (catalogue.Basis(service.LegalBasisCode) is null)
                problems.Add($"service {service.Code}: unknown legal basis {service.LegalBasisCode}");
        foreach (var duplicate in configuration.Profiles.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add($"profile {duplicate.Key} is defined more than once");
        foreach (var profile in configuration.Profiles)
        {
            foreach (var code in profile.ServiceTypes.Where(c => catalogue.Find(c) is null))
                problems.Add($"profile {profile.Id}: unknown service type {code}");
            if (profile.EscalationReviewBodyId is not null && profile.ReviewBodyId is null)
                problems.Add($"profile {profile.Id}: an escalation body needs a review body to escalate from");
            if (profile.Ages is { } ages && ages.Min > ages.Max)
                problems.Add($"profile {profile.Id}: age range is empty");
            if (profile.Duration is { } months && (months.Min < 1 || months.Min > months.Max))
                problems.Add($"profile {profile.Id}: duration range is empty");
            var d = profile.Deadlines;
            if (d.ReminderHour is < 7 or > 17)
                problems.Add($"profile {profile.Id}: reminder hour {d.ReminderHour} is outside working hours");
            if (d.SignatureEscalationWorkingDays <= d.SignatureReminderWorkingDays)
                problems.Add($"profile {profile.Id}: escalation must come after the signature reminder");
            if (new[] { d.ReviewWorkingDays, d.InformationWorkingDays, d.DraftingWorkingDays, d.SignatureReminderWorkingDays,
                    d.InterimEvaluationIntervalMonths, d.NotificationWorkingDays }.Any(n => n < 1) ||
                d.ClientPlanDueSoonDays < 0 || d.ServiceEndApproachingDays < 0)
                problems.Add($"profile {profile.Id}: deadlines must be positive");
            // Upper bounds keep the calendar arithmetic finite and inside the representable dates.
            if (new[] { d.ReviewWorkingDays, d.InformationWorkingDays, d.DraftingWorkingDays, d.SignatureReminderWorkingDays,
                    d.SignatureEscalationWorkingDays, d.NotificationWorkingDays }.Any(n => n > MaxWorkingDays) ||
                new[] { d.ClientPlanDueSoonDays, d.ServiceEndApproachingDays }.Any(n => n > MaxDays) ||
                d.InterimEvaluationIntervalMonths > MaxMonths || profile.Duration?.Max > MaxMonths)
                problems.Add($"profile {profile.Id}: a deadline or duration is implausibly long");
        }
        if (Esy.EsyInstrumentJson.Problem(configuration.EsyInstrument) is { } esy)
            problems.Add($"ESY instrument: {esy}");
        return problems;
    }
}
