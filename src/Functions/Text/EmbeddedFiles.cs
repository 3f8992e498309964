using System.Collections.Concurrent;

namespace Referrals.Functions.Text;

/// <summary>The one reader of the files this project embeds (Functions.csproj: each capability's <c>Templates/</c>, the
/// texts, the committed OpenAPI document), each read once. A file that is not embedded is a build mistake, so it throws.</summary>
internal static class EmbeddedFiles
{
    private static readonly ConcurrentDictionary<string, string?> Cache = new(StringComparer.Ordinal);

    /// <summary><c>{capability}/Templates/{file}</c>, e.g. <c>Template("Signing", "signing.css")</c>.</summary>
    public static string Template(string capability, string file) =>
        FindTemplate(capability, file) ?? throw new InvalidOperationException($"{capability}/Templates/{file} is not embedded.");

    /// <summary>The same, or null where the capability has no such template (e.g. a mail kind without a one-language version).</summary>
    public static string? FindTemplate(string capability, string file) => Find($"Referrals.Functions.{capability}.Templates.{file}");

    /// <summary>A file embedded under its own logical name (Functions.csproj's <c>LogicalName</c>).</summary>
    public static string Named(string logicalName) =>
        Find(logicalName) ?? throw new InvalidOperationException($"{logicalName} is not embedded in this build.");

    private static string? Find(string resourceName) => Cache.GetOrAdd(resourceName, name =>
    {
        using var stream = typeof(EmbeddedFiles).Assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
