using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Referrals.Domain;

namespace Referrals.Functions.Text;

/// <summary>The API's own user-facing text (problem titles, field errors, the signing page), kept in
/// resource files Text/*.{fi,sv,en}.json beside the Domain's <see cref="Texts"/>. Finnish is the default.</summary>
internal static class ApiTexts
{
    public static readonly IReadOnlyList<string> Languages = ["fi", "sv", "en"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> ByLanguage =
        Languages.ToFrozenDictionary(l => l, Load);

    /// <summary>The text for a key: this project's resources first, then the Domain's, falling back to Finnish.</summary>
    public static string Get(string key, string language)
    {
        var lang = Texts.Normalise(language);
        if (ByLanguage[lang].TryGetValue(key, out var text)) return text;
        var domain = Texts.Get(key, lang);
        if (domain != key) return domain;
        return ByLanguage["fi"].TryGetValue(key, out var fallback) ? fallback : key;
    }

    public static IReadOnlyCollection<string> Keys(string language) => ByLanguage[Texts.Normalise(language)].Keys;

    /// <summary>The caller's language from Accept-Language (by quality), one of fi, sv, en; Finnish by default.</summary>
    /// <summary>The languages a page (HTML or an image with text) is written in.</summary>
    public static readonly IReadOnlyList<string> PageLanguages = ["fi", "sv"];

    /// <summary>A page's language: an explicit choice (?lang= or the form field) wins; then Accept-Language; Finnish otherwise.</summary>
    public static string PageLanguageOf(HttpContext context, Microsoft.Extensions.Primitives.StringValues? formLanguage = null)
    {
        var chosen = formLanguage?.ToString() ?? context.Request.Query["lang"].ToString();
        if (PageLanguages.Contains(chosen)) return chosen;
        var accepted = LanguageOf(context.Request);
        return PageLanguages.Contains(accepted) ? accepted : "fi";
    }

    public static string LanguageOf(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        foreach (var value in accepted.OrderByDescending(v => v.Quality ?? 1.0))
        {
            var tag = value.Value.Value;
            if (string.IsNullOrEmpty(tag) || tag == "*") continue;
            var two = tag.Length >= 2 ? tag[..2].ToLowerInvariant() : tag.ToLowerInvariant();
            if (Languages.Contains(two)) return two;
        }
        return "fi";
    }

    /// <summary>This project's Text/*.{language}.json (and each capability's, e.g. Reports/Text) through the one loader (<see cref="Texts.LoadResources"/>);
    /// a key that the Domain's texts also define is refused, as a key defined twice within either is.</summary>
    private static FrozenDictionary<string, string> Load(string language)
    {
        var texts = Texts.LoadResources(typeof(ApiTexts).Assembly, ResourcePrefix, language);
        var domain = Texts.Keys(language);
        if (texts.Keys.FirstOrDefault(domain.Contains) is { } twice)
            throw new InvalidOperationException($"Text key '{twice}' is defined twice (the API's and the Domain's texts).");
        return texts;
    }

    private const string ResourcePrefix = "Referrals.Functions.";
}
