using Referrals.Domain.Esy;

namespace Referrals.Domain.Profiles;

/// <summary>The checks of the instruments and of the profiles' choice of them, by place (part of
/// <see cref="ConfigurationProblems.Of"/>): an instrument id is used in routes, events and reports, so it is short and plain;
/// every area has a code and a label in both languages; the scale runs upwards; the direction is said.</summary>
internal static class InstrumentProblems
{
    public const int MaxIdLength = 40;
    public const int MaxAreas = 50;
    public const int MaxScale = 1000;

    public static void Add(ProcessConfiguration configuration, List<string> problems)
    {
        var listed = configuration.Instruments is { Count: > 0 };
        if (listed && configuration.EsyInstrument is not null)
            problems.Add("esyInstrument: give the instruments in instruments[] only (esyInstrument is the earlier shape of one instrument)");
        if (!listed && configuration.EsyInstrument is null) problems.Add("instruments: none configured");
        if (listed)
        {
            foreach (var duplicate in configuration.Instruments!.Where(i => i is not null).GroupBy(i => i.Id).Where(g => g.Count() > 1))
                problems.Add($"instruments[{duplicate.Key}]: defined more than once");
            foreach (var instrument in configuration.Instruments!)
                Instrument(instrument, instrument is null ? "instruments" : $"instruments[{instrument.Id}]", directionRequired: true, problems);
        }
        else if (configuration.EsyInstrument is { } single) Instrument(single, "esyInstrument", directionRequired: false, problems);

        foreach (var profile in (configuration.Profiles ?? []).Where(p => p?.Instruments is not null))
        {
            var at = $"profiles[{profile.Id}].instruments";
            foreach (var id in profile.Instruments!)
                if (configuration.Instrument(id) is null) problems.Add($"{at}: unknown instrument {id}");
            foreach (var duplicate in profile.Instruments!.GroupBy(i => i).Where(g => g.Count() > 1))
                problems.Add($"{at}: {duplicate.Key} is listed more than once");
        }
    }

    private static void Instrument(EsyInstrument? instrument, string at, bool directionRequired, List<string> problems)
    {
        if (instrument is null) { problems.Add($"{at}: an empty entry"); return; }
        if (string.IsNullOrWhiteSpace(instrument.Id)) problems.Add($"{at}.id: missing");
        else if (!IsPlainId(instrument.Id)) problems.Add($"{at}.id: at most {MaxIdLength} lower-case letters, digits or '-' (it is part of a route)");
        Required(instrument.NameFi, $"{at}.nameFi", problems);
        Required(instrument.NameSv, $"{at}.nameSv", problems);
        if (instrument.ScaleMin >= instrument.ScaleMax) problems.Add($"{at}.scale: the scale's minimum must be below its maximum");
        if (instrument.ScaleMin < -MaxScale || instrument.ScaleMax > MaxScale) problems.Add($"{at}.scale: at most {MaxScale} either side of zero");
        if (directionRequired && instrument.Direction is null)
            problems.Add($"{at}.direction: missing (HigherIsBetter or LowerIsBetter: which way along the scale is better)");
        if (instrument.Direction is { } direction && !Enum.IsDefined(direction)) problems.Add($"{at}.direction: not a direction");
        if (instrument.Direction is { } said && instrument.HigherIsBetter is { } earlier && (said == ScoreDirection.HigherIsBetter) != earlier)
            problems.Add($"{at}.higherIsBetter: contradicts the direction");
        if (instrument.Areas is null || instrument.Areas.Count == 0) { problems.Add($"{at}.areas: no areas"); return; }
        if (instrument.Areas.Count > MaxAreas) problems.Add($"{at}.areas: at most {MaxAreas}");
        foreach (var duplicate in instrument.Areas.Where(a => a is not null).GroupBy(a => a.Code).Where(g => g.Count() > 1))
            problems.Add($"{at}.areas[{duplicate.Key}]: an area code given twice");
        foreach (var area in instrument.Areas)
        {
            if (area is null) { problems.Add($"{at}.areas: an empty entry"); continue; }
            if (string.IsNullOrWhiteSpace(area.Code)) problems.Add($"{at}.areas[]: an area without a code");
            else if (!IsPlainId(area.Code)) problems.Add($"{at}.areas[{area.Code}].code: at most {MaxIdLength} lower-case letters, digits or '-'");
            Required(area.NameFi, $"{at}.areas[{area.Code}].nameFi", problems);
            Required(area.NameSv, $"{at}.areas[{area.Code}].nameSv", problems);
        }
    }

    public static IReadOnlyList<string> AcrossVersions(IEnumerable<ProcessConfiguration?> versions)
    {
        var problems = new List<string>();
        var seen = new Dictionary<string, (string Version, EsyInstrument Instrument)>(StringComparer.Ordinal);
        foreach (var version in versions.OfType<ProcessConfiguration>())
            foreach (var instrument in version.AllInstruments.Where(i => i?.Id is not null))
            {
                if (!seen.TryGetValue(instrument.Id, out var first)) { seen[instrument.Id] = (version.Version, instrument); continue; }
                if (!SameMeaning(first.Instrument, instrument))
                    problems.Add($"version {version.Version}: instruments[{instrument.Id}]: its areas, scale or direction differ from version {first.Version}; " +
                        "an instrument id keeps its meaning across versions (measurements in flight name it): give the changed instrument a new id");
            }
        return problems;
    }

    private static bool SameMeaning(EsyInstrument a, EsyInstrument b) =>
        a.ScaleMin == b.ScaleMin && a.ScaleMax == b.ScaleMax && a.Better == b.Better &&
        (a.Areas ?? []).Select(x => x?.Code).Order(StringComparer.Ordinal).SequenceEqual((b.Areas ?? []).Select(x => x?.Code).Order(StringComparer.Ordinal));

    private static bool IsPlainId(string id) =>
        id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static void Required(string? value, string at, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{at}: missing");
    }
}
