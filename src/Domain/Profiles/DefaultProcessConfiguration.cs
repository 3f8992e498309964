using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The version of the shipped configuration, and the version a referral submitted before referrals recorded
    /// one replays as (<see cref="Referrals.ReferralState.ConfigurationVersion"/>).</summary>
    public const string Version = "2026.1";

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

    private static readonly JsonSerializerOptions Strict = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>A configuration supplied by the county, read strictly and checked: null with every problem by its place
    /// when it cannot be used. A property the shape does not have (a misspelt name) is a problem at its place, so that
    /// it is never silently left at a default; properties whose names start with "_" are comments. Never throws.</summary>
    public static ProcessConfiguration? TryRead(string json, out IReadOnlyList<string> problems)
    {
        ProcessConfiguration? configuration;
        try
        {
            var node = JsonNode.Parse(json, new JsonNodeOptions { PropertyNameCaseInsensitive = true },
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (node is not JsonObject) { problems = ["(root): not a JSON object"]; return null; }
            WithoutComments(node);
            configuration = node.Deserialize<ProcessConfiguration>(Strict);
        }
        catch (JsonException e)
        {
            problems = [$"{Place(e.Path)}: {Reason(e)}"];
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            problems = [$"(root): cannot be read ({e.GetType().Name})"];
            return null;
        }
        problems = ConfigurationProblems.Of(configuration);
        return problems.Count == 0 ? configuration : null;
    }

    private static void WithoutComments(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).Where(k => k.StartsWith('_')).ToList()) o.Remove(name);
                foreach (var (_, value) in o) WithoutComments(value);
                break;
            case JsonArray a:
                foreach (var item in a) WithoutComments(item);
                break;
        }
    }

    /// <summary>"$.Profiles[0].Deadlines" as "profiles[0].deadlines".</summary>
    private static string Place(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "(root)";
        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return string.Join('.', trimmed.Split('.').Select(part => part.Length > 0 ? char.ToLowerInvariant(part[0]) + part[1..] : part));
    }

    private static string Reason(JsonException e)
    {
        var line = e.LineNumber is { } n ? $" (line {n + 1})" : "";
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var start = e.Message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : e.Message.IndexOf('\'', start + 1);
            var name = end > start ? e.Message[(start + 1)..end] : "?";
            return $"no such property {name} in the configuration's shape{line}";
        }
        if (e.Path is null) return $"not valid JSON{line}";
        return $"not a value of the expected kind{line}";
    }
}
