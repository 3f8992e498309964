namespace Referrals.Domain.Profiles;

/// <summary>Consistency checks for a process configuration, run at start-up (the host refuses to start on a
/// configuration with any) and in tests, so that a referral never meets a profile that names a service the
/// catalogue lacks or a service without a legal basis. Returns what is wrong, each problem by its place, a
/// JSON-path-like name with list entries by id (e.g. "authorities[vantaa-kerava].reviewBody.email: missing");
/// an empty list means the configuration is usable. Never throws, also on a configuration whose required
/// parts are missing (null).</summary>
public static class ConfigurationProblems
{
    public const int MaxWorkingDays = 250;
    public const int MaxDays = 366;
    public const int MaxMonths = 60;

    public static IReadOnlyList<string> Of(ProcessConfiguration? configuration)
    {
        var problems = new List<string>();
        if (configuration is null) return ["(root): the configuration is empty"];
        if (string.IsNullOrWhiteSpace(configuration.Version))
            problems.Add("version: missing (each referral records the version it started under)");
        else if (configuration.Version.Length > 40 || !configuration.Version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            problems.Add("version: at most 40 letters, digits, '.', '-' or '_'");
        Catalogue(configuration.Catalogue, problems);
        Authorities(configuration, problems);
        Municipalities(configuration, problems);
        Units(configuration, problems);
        Profiles(configuration, problems);
        InstrumentProblems.Add(configuration, problems);
        ServiceProvisionProblems.Add(configuration, problems);
        return problems;
    }

    /// <summary>What a new version may not do to the versions loaded beside it: change what an instrument id means
    /// (its areas, scale or direction), since the measurements of referrals in flight and the reports name instruments by
    /// id. Names and labels may change; a changed instrument gets a new id.</summary>
    public static IReadOnlyList<string> AcrossVersions(IEnumerable<ProcessConfiguration?> versions) =>
        InstrumentProblems.AcrossVersions(versions);

    private static void Catalogue(ServiceCatalogue? catalogue, List<string> problems)
    {
        if (catalogue is null) { problems.Add("catalogue: missing"); return; }
        if (catalogue.LegalBases is null) problems.Add("catalogue.legalBases: missing");
        if (catalogue.Services is null) { problems.Add("catalogue.services: missing"); return; }
        foreach (var duplicate in catalogue.Services.Where(s => s is not null).GroupBy(s => s.Code).Where(g => g.Count() > 1))
            problems.Add($"catalogue.services[{duplicate.Key}]: defined more than once");
        foreach (var basis in (catalogue.LegalBases ?? []).Where(b => b is null || string.IsNullOrWhiteSpace(b.Code) || string.IsNullOrWhiteSpace(b.CitationFi) || string.IsNullOrWhiteSpace(b.CitationSv)))
            problems.Add($"catalogue.legalBases[{basis?.Code}]: code and both citations are needed");
        foreach (var service in catalogue.Services)
        {
            if (service is null) { problems.Add("catalogue.services: an empty entry"); continue; }
            var at = $"catalogue.services[{service.Code}]";
            if (string.IsNullOrWhiteSpace(service.Code)) problems.Add("catalogue.services[]: code missing");
            Required(service.NameFi, at + ".nameFi", problems);
            Required(service.NameSv, at + ".nameSv", problems);
            if (catalogue.LegalBases is not null && catalogue.Basis(service.LegalBasisCode) is null)
                problems.Add($"{at}.legalBasisCode: unknown legal basis {service.LegalBasisCode}");
            if ((service.ProvisionFi is null) != (service.ProvisionSv is null))
                problems.Add($"{at}.provision: give it in both languages or in neither");
        }
    }

    private static void Profiles(ProcessConfiguration configuration, List<string> problems)
    {
        if (configuration.Profiles is null || configuration.Profiles.Count == 0) { problems.Add("profiles: none configured"); return; }
        foreach (var duplicate in configuration.Profiles.Where(p => p is not null).GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add($"profiles[{duplicate.Key}]: defined more than once");
        var services = configuration.Catalogue?.Services ?? [];
        foreach (var profile in configuration.Profiles)
        {
            if (profile is null) { problems.Add("profiles: an empty entry"); continue; }
            var at = $"profiles[{profile.Id}]";
            if (string.IsNullOrWhiteSpace(profile.Id)) problems.Add("profiles[]: id missing");
            if (string.IsNullOrWhiteSpace(profile.Name)) problems.Add($"{at}.name: missing");
            if (!Enum.IsDefined(profile.Signer)) problems.Add($"{at}.signer: not a signer rule");
            SignerUnit(configuration, profile, at, problems);
            if (profile.JointAssessmentUnitId is { } assessing && (configuration.Units ?? []).All(u => u?.Id != assessing))
                problems.Add($"{at}.jointAssessmentUnitId: unknown unit {assessing}");
            if (profile.ServicesInClientPlan && profile.ReviewBodyId is not null)
                problems.Add($"{at}.servicesInClientPlan: services written into the client plan have no review body step (reviewBodyId is {profile.ReviewBodyId})");
            if (string.IsNullOrWhiteSpace(profile.AuthorityId))
                problems.Add($"{at}.authorityId: missing");
            else if ((configuration.Authorities ?? []).All(a => a?.Id != profile.AuthorityId))
                problems.Add($"{at}.authorityId: unknown authority {profile.AuthorityId}");
            if (profile.ServiceTypes is null || profile.ServiceTypes.Count == 0) problems.Add($"{at}.serviceTypes: none");
            foreach (var code in (profile.ServiceTypes ?? []).Where(c => services.All(s => s?.Code != c)))
                problems.Add($"{at}.serviceTypes: unknown service type {code}");
            if (profile.EscalationReviewBodyId is { } escalation)
            {
                if (profile.ReviewBodyId is null)
                    problems.Add($"{at}.escalationReviewBodyId: an escalation body needs a review body to escalate from");
                var runners = configuration.Profiles.Count(p => p?.ReviewBodyId == escalation);
                if (runners != 1)
                    problems.Add($"{at}.escalationReviewBodyId: {escalation} must be the review body of exactly one profile (the profile a transferred referral switches to); it is of {runners}");
            }
            if (profile.Ages is { } ages && (ages.Min < 0 || ages.Min > ages.Max || ages.Max > 150))
                problems.Add($"{at}.ages: age range is empty");
            if (profile.Duration is { } months && (months.Min < 1 || months.Min > months.Max))
                problems.Add($"{at}.duration: duration range is empty");
            if (profile.Duration?.Max > MaxMonths) problems.Add($"{at}.duration.max: a deadline or duration is implausibly long (at most {MaxMonths} months)");
            if (profile.Deadlines is not { } d) { problems.Add($"{at}.deadlines: missing"); continue; }
            var dl = at + ".deadlines";
            if (d.ReminderHour is < 7 or > 17)
                problems.Add($"{dl}.reminderHour: reminder hour {d.ReminderHour} is outside working hours (7–17)");
            if (d.SignatureEscalationWorkingDays <= d.SignatureReminderWorkingDays)
                problems.Add($"{dl}.signatureEscalationWorkingDays: escalation must come after the signature reminder");
            foreach (var (name, value) in new[] { ("reviewWorkingDays", d.ReviewWorkingDays), ("informationWorkingDays", d.InformationWorkingDays),
                         ("draftingWorkingDays", d.DraftingWorkingDays), ("signatureReminderWorkingDays", d.SignatureReminderWorkingDays),
                         ("interimEvaluationIntervalMonths", d.InterimEvaluationIntervalMonths), ("notificationWorkingDays", d.NotificationWorkingDays) })
                if (value < 1) problems.Add($"{dl}.{name}: deadlines must be positive");
            foreach (var (name, value) in new[] { ("clientPlanDueSoonDays", d.ClientPlanDueSoonDays), ("serviceEndApproachingDays", d.ServiceEndApproachingDays) })
                if (value < 0) problems.Add($"{dl}.{name}: deadlines must be positive or zero");
            // Upper bounds keep the calendar arithmetic finite and inside the representable dates.
            foreach (var (name, value, max) in new[] { ("reviewWorkingDays", d.ReviewWorkingDays, MaxWorkingDays), ("informationWorkingDays", d.InformationWorkingDays, MaxWorkingDays),
                         ("draftingWorkingDays", d.DraftingWorkingDays, MaxWorkingDays), ("signatureReminderWorkingDays", d.SignatureReminderWorkingDays, MaxWorkingDays),
                         ("signatureEscalationWorkingDays", d.SignatureEscalationWorkingDays, MaxWorkingDays), ("notificationWorkingDays", d.NotificationWorkingDays, MaxWorkingDays),
                         ("clientPlanDueSoonDays", d.ClientPlanDueSoonDays, MaxDays), ("serviceEndApproachingDays", d.ServiceEndApproachingDays, MaxDays),
                         ("interimEvaluationIntervalMonths", d.InterimEvaluationIntervalMonths, MaxMonths) })
                if (value > max) problems.Add($"{dl}.{name}: a deadline or duration is implausibly long (at most {max})");
        }
    }

    /// <summary>A named unit's decision-maker needs the unit, a configured one; no other rule takes one.</summary>
    private static void SignerUnit(ProcessConfiguration configuration, ProcessProfile profile, string at, List<string> problems)
    {
        if (profile.Signer != SignerRule.NamedUnitDecisionMaker)
        {
            if (profile.SignerUnitId is not null)
                problems.Add($"{at}.signerUnitId: only the signer rule NamedUnitDecisionMaker names a unit (the rule is {profile.Signer})");
            return;
        }
        if (string.IsNullOrWhiteSpace(profile.SignerUnitId))
            problems.Add($"{at}.signerUnitId: missing (NamedUnitDecisionMaker names the unit whose decision-maker signs)");
        else if ((configuration.Units ?? []).All(u => u?.Id != profile.SignerUnitId))
            problems.Add($"{at}.signerUnitId: unknown unit {profile.SignerUnitId}");
    }

    private static void Authorities(ProcessConfiguration configuration, List<string> problems)
    {
        var authorities = configuration.Authorities ?? [];
        if (authorities.Count == 0) problems.Add("authorities: none configured");
        foreach (var duplicate in authorities.Where(a => a is not null).GroupBy(a => a.Id).Where(g => g.Count() > 1))
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

    private static void Municipalities(ProcessConfiguration configuration, List<string> problems)
    {
        var municipalities = configuration.Municipalities ?? [];
        foreach (var duplicate in municipalities.Where(m => m is not null).GroupBy(m => m.Code).Where(g => g.Count() > 1))
            problems.Add($"municipalities[{duplicate.Key}]: defined more than once");
        foreach (var m in municipalities)
        {
            if (m is null) { problems.Add("municipalities: an empty entry"); continue; }
            var at = $"municipalities[{m.Code}]";
            if (m.Code is not { Length: 3 } code || !code.All(char.IsAsciiDigit))
                problems.Add($"{at}.code: not a three-digit municipality code (Tilastokeskus, e.g. 092)");
            Both(m.Name, $"{at}.name", problems);
            if (string.IsNullOrWhiteSpace(m.AuthorityId))
                problems.Add($"{at}.authorityId: missing");
            else if ((configuration.Authorities ?? []).All(a => a?.Id != m.AuthorityId))
                problems.Add($"{at}.authorityId: unknown authority {m.AuthorityId}");
        }
    }

    private static void Units(ProcessConfiguration configuration, List<string> problems)
    {
        var units = configuration.Units ?? [];
        foreach (var duplicate in units.Where(u => u is not null).GroupBy(u => u.Id).Where(g => g.Count() > 1))
            problems.Add($"units[{duplicate.Key}]: defined more than once");
        foreach (var u in units)
        {
            if (u is null) { problems.Add("units: an empty entry"); continue; }
            if (string.IsNullOrWhiteSpace(u.Id)) problems.Add("units[]: id missing");
            Both(u.Name, $"units[{u.Id}].name", problems);
            if (u.Municipality is { } municipality && (configuration.Municipalities ?? []).All(m => m?.Code != municipality))
                problems.Add($"units[{u.Id}].municipality: unknown municipality {municipality}");
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
