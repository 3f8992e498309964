using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Referrals.Domain.Common;

namespace Referrals.Domain;

/// <summary>User-facing text, kept in resource files (Text/*.fi.json, *.sv.json, *.en.json)
/// rather than in code. Finnish is the default; Swedish is beside it; English for integrators.</summary>
public static class Texts
{
    public static readonly IReadOnlyList<string> Languages = ["fi", "sv", "en"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> ByLanguage =
        Languages.ToFrozenDictionary(l => l, Load);

    /// <summary>The text for a key in a language; falls back to Finnish, then to the key itself.</summary>
    public static string Get(string key, string language = "fi")
    {
        var lang = Normalise(language);
        if (ByLanguage[lang].TryGetValue(key, out var text)) return text;
        return ByLanguage["fi"].TryGetValue(key, out var fi) ? fi : key;
    }

    public static string Rejection(RejectionCode code, string language = "fi") => Get($"rejection.{code}", language);

    /// <summary>Every key of a language file, for tests that check the languages stay in step.</summary>
    public static IReadOnlyCollection<string> Keys(string language) => ByLanguage[Normalise(language)].Keys;

    public static string Normalise(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return "fi";
        var two = language.Trim()[..Math.Min(2, language.Trim().Length)].ToLowerInvariant();
        return ByLanguage.ContainsKey(two) ? two : "fi";
    }

    private static FrozenDictionary<string, string> Load(string language) => LoadResources(typeof(Texts).Assembly, ResourcePrefix, language);

    /// <summary>The one text loader, for this project's texts and any other's (the API's): every embedded
    /// <c>{prefix}…Text.*.{language}.json</c> (a Text folder, at the root or in a capability's folder) is merged, so that each capability keeps its own text file
    /// (texts, holidays, identity codes, problems, signing…), and a key defined twice is an error at
    /// start-up rather than a silent override.</summary>
    public static FrozenDictionary<string, string> LoadResources(Assembly assembly, string prefix, string language)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.Contains(".Text.", StringComparison.Ordinal) &&
                                 n.EndsWith($".{language}.json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
                if (!merged.TryAdd(key, text))
                    throw new InvalidOperationException($"Text key '{key}' is defined twice ({name}).");
        }
        return merged.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private const string ResourcePrefix = "Referrals.Domain.Text.";
}
