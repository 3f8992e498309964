using System.Text.Json;
using System.Text.Json.Serialization;

namespace Referrals.Domain.Profiles;

/// <summary>Reads the process configuration (profiles, catalogue, authority, ESY instrument) from JSON,
/// so that a new local variant is a data change, not a code change. The shipped file,
/// Profiles/Config/process.json, is an embedded resource.</summary>
public static class DefaultProcessConfiguration
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The configuration shipped with the domain (Vantaa steering group, Vantaa Steppi, Espoo).</summary>
    public static ProcessConfiguration Load()
    {
        var assembly = typeof(DefaultProcessConfiguration).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Config.process.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return Parse(stream);
    }

    /// <summary>A configuration supplied by the operator, in the same shape as the shipped file.</summary>
    public static ProcessConfiguration Parse(Stream json) =>
        JsonSerializer.Deserialize<ProcessConfiguration>(json, Options)
        ?? throw new InvalidDataException("The process configuration is empty.");

    public static ProcessConfiguration Parse(string json) =>
        JsonSerializer.Deserialize<ProcessConfiguration>(json, Options)
        ?? throw new InvalidDataException("The process configuration is empty.");
}
