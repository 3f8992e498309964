using System.Reflection;
using System.Text.Json;
using Referrals.Functions.Clock;

namespace Referrals.Functions.Tests.AzureHost;

/// <summary>The Functions host's settings files against what the app binds, and the host.json the durable
/// clock relies on. The Functions build itself is checked in <see cref="FunctionsMetadataTests"/>.</summary>
public class FunctionsHostFilesTests
{
    private static readonly JsonElement SampleValues =
        JsonDocument.Parse(RepositoryFiles.Read("local.settings.sample.json")).RootElement.GetProperty("Values");

    [Fact]
    public void The_local_settings_sample_runs_the_isolated_worker_on_azurite()
    {
        Assert.Equal("UseDevelopmentStorage=true", SampleValues.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("dotnet-isolated", SampleValues.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.All(SampleValues.EnumerateObject(), v => Assert.Equal(JsonValueKind.String, v.Value.ValueKind));
    }

    [Fact]
    public void Every_setting_the_app_binds_is_in_the_sample_or_documented_as_azure_only()
    {
        var documented = RepositoryFiles.Read("docs/azure.md");
        var keys = SampleValues.EnumerateObject().Select(v => v.Name).ToList();
        var missing = new List<string>();
        foreach (var (section, property) in BoundSettings())
        {
            var key = $"{section.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}";
            var inSample = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                ? keys.Any(k => k.StartsWith(key + "__", StringComparison.Ordinal))
                : keys.Contains(key);
            if (!inSample && !documented.Contains($"`{section}:{property.Name}`", StringComparison.Ordinal)) missing.Add(key);
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void The_sample_names_no_setting_the_app_does_not_bind()
    {
        var bound = BoundSettings().Select(s => s.Section).ToHashSet(StringComparer.Ordinal);
        if (bound.Count == 0) return; // before the options classes are merged there is nothing to compare with
        var known = BoundSettings().Select(s => $"{s.Section.Replace(":", "__", StringComparison.Ordinal)}__{s.Property.Name}").ToHashSet(StringComparer.Ordinal);
        var unknown = SampleValues.EnumerateObject().Select(v => v.Name)
            .Where(k => k.Contains("__", StringComparison.Ordinal) && !k.StartsWith("AzureWebJobs", StringComparison.Ordinal))
            .Where(k => !known.Contains(k) && !known.Any(b => k.StartsWith(b + "__", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Host_json_serves_the_signing_page_outside_api_and_keeps_a_valid_task_hub()
    {
        var host = JsonDocument.Parse(RepositoryFiles.Read("src/Functions/host.json")).RootElement;
        Assert.Equal("2.0", host.GetProperty("version").GetString());
        var extensions = host.GetProperty("extensions");
        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        var durable = extensions.GetProperty("durableTask");
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", durable.GetProperty("hubName").GetString());
        var provider = durable.GetProperty("storageProvider");
        Assert.Equal("AzureStorage", provider.GetProperty("type").GetString());
        Assert.Equal("AzureWebJobsStorage", provider.GetProperty("connectionName").GetString());
        Assert.False(durable.GetProperty("tracing").GetProperty("traceInputsAndOutputs").GetBoolean());
    }

    [Fact]
    public async Task The_standalone_build_keeps_what_the_web_sdk_gave_it()
    {
        // Functions.csproj is a plain Microsoft.NET.Sdk project (the Web SDK and the Worker SDK clash):
        // dotnet run must still start in the project folder (the content root with appsettings*.json).
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            ["msbuild", RepositoryFiles.Path("src/Functions/Functions.csproj"), "-nologo",
             "-getProperty:RunWorkingDirectory", "-getProperty:ServerGarbageCollection", "-getProperty:OutputType"])
        { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        var properties = JsonDocument.Parse(output).RootElement.GetProperty("Properties");
        Assert.Equal(Path.GetFullPath(RepositoryFiles.Path("src/Functions")).TrimEnd('/'),
            Path.GetFullPath(properties.GetProperty("RunWorkingDirectory").GetString()!).TrimEnd('/'));
        Assert.Equal("true", properties.GetProperty("ServerGarbageCollection").GetString());
        Assert.Equal("Exe", properties.GetProperty("OutputType").GetString());
    }

    /// <summary>Options classes: a type with <c>public const string Section</c> (nested sections as "A:B"), and its settable properties.</summary>
    private static IEnumerable<(string Section, PropertyInfo Property)> BoundSettings() =>
        from type in typeof(ReferralClockOrchestration).Assembly.GetTypes()
        let field = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
        where field is { IsLiteral: true } && field.FieldType == typeof(string)
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod is { IsPublic: true }
        select ((string)field.GetRawConstantValue()!, property);
}
