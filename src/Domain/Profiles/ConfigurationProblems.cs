namespace Referrals.Domain.Profiles;

/// <summary>Consistency checks for a process configuration, run at start-up and in tests, so that a
/// referral never meets a profile that names a service the catalogue lacks or a service without a
/// legal basis. Returns what is wrong, each problem by its place (e.g. "authorities[vantaa-kerava].reviewBody.email:
/// missing"); an empty list means the configuration is usable.</summary>
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
        Authorities(configuration, problems);
        Units(configuration, problems);
        foreach (var profile in configuration.Profiles)
        {
            if (string.IsNullOrWhiteSpace(profile.AuthorityId))
                problems.Add($"profiles[{profile.Id}].authorityId: missing");
            else if (configuration.AuthorityOf(profile) is null)
                problems.Add($"profiles[{profile.Id}].authorityId: unknown authority {profile.AuthorityId}");
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
        foreach (var service in catalogue.Services.Where(s => (s.ProvisionFi is null) != (s.ProvisionSv is null)))
            problems.Add($"catalogue.services[{service.Code}].provision: give it in both languages or in neither");
        if (Esy.EsyInstrumentJson.Problem(configuration.EsyInstrument) is { } esy)
            problems.Add($"ESY instrument: {esy}");
        return problems;
    }

    private static void Authorities(ProcessConfiguration configuration, List<string> problems)
    {
        var authorities = configuration.Authorities ?? [];
        if (authorities.Count == 0) problems.Add("authorities: none configured");
        foreach (var duplicate in authorities.GroupBy(a => a?.Id).Where(g => g.Count() > 1))
            problems.Add($"authorities[{duplicate.Key}]: defined more than once");
        foreach (var a in authorities)
        {
            if (a is null) { problems.Add("authorities: an empty entry"); continue; }
            var at = $"authorities[{a.Id}]";
            if (string.IsNullOrWhiteSpace(a.Id)) problems.Add("authorities[]: id missing");
            Both(a.Name, $"{at}.name", problems);
            if (!IsBusinessId(a.BusinessId)) problems.Add($"{at}.businessId: not a business id with a valid check digit (1234567-8)");
            Both(a.PostalAddress, $"{at}.postalAddress", problems);
            if (a.ReviewBody is not { } body) { problems.Add($"{at}.reviewBody: missing"); continue; }
            Both(body.Name, $"{at}.reviewBody.name", problems);
            Both(body.Addressee, $"{at}.reviewBody.addressee", problems);
            Both(body.PostalAddress, $"{at}.reviewBody.postalAddress", problems);
            if (string.IsNullOrWhiteSpace(body.Email) || body.Email.Trim().IndexOf('@') is < 1 || body.Email.Trim().EndsWith('@'))
                problems.Add($"{at}.reviewBody.email: missing or not an e-mail address");
            Both(body.OfficeHours, $"{at}.reviewBody.officeHours", problems);
        }
    }

    private static void Units(ProcessConfiguration configuration, List<string> problems)
    {
        var units = configuration.Units ?? [];
        foreach (var duplicate in units.GroupBy(u => u?.Id).Where(g => g.Count() > 1))
            problems.Add($"units[{duplicate.Key}]: defined more than once");
        foreach (var u in units)
        {
            if (u is null) { problems.Add("units: an empty entry"); continue; }
            if (string.IsNullOrWhiteSpace(u.Id)) problems.Add("units[]: id missing");
            Both(u.Name, $"units[{u.Id}].name", problems);
        }
    }

    private static void Both(Bilingual? text, string at, List<string> problems)
    {
        if (text is null) { problems.Add($"{at}: missing"); return; }
        Required(text.Fi, at + ".fi", problems);
        Required(text.Sv, at + ".sv", problems);
    }

    private static void Required(string? value, string at, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{at}: missing");
    }

    /// <summary>A Finnish business id (Y-tunnus): seven digits, a hyphen and the check digit (weights
    /// 7, 9, 10, 5, 8, 4, 2; remainder 0 gives 0, remainder 1 is never issued, otherwise 11 minus it).</summary>
    public static bool IsBusinessId(string? value)
    {
        if (value is not { Length: 9 } || value[7] != '-' || !value.Remove(7, 1).All(char.IsAsciiDigit)) return false;
        int[] weights = [7, 9, 10, 5, 8, 4, 2];
        var remainder = weights.Select((w, i) => w * (value[i] - '0')).Sum() % 11;
        if (remainder == 1) return false;
        return value[8] - '0' == (remainder == 0 ? 0 : 11 - remainder);
    }
}
