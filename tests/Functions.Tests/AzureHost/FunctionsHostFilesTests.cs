using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Referrals.Functions.Orchestration;

namespace Referrals.Functions.Tests.AzureHost;

/// <summary>The Functions host's files are not compiled by the default build, so these checks keep them
/// honest against what is: every setting the app binds, the routes the standalone host serves, and
/// the host.json the durable clock relies on.</summary>
public partial class FunctionsHostFilesTests
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
            var key = $"{section}__{property.Name}";
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
        var known = BoundSettings().Select(s => $"{s.Section}__{s.Property.Name}").ToHashSet(StringComparer.Ordinal);
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

    /// <summary>Liveness is for the standalone host's process supervisor (a container orchestrator); the
    /// Functions platform watches its own host. The Azure shell may map it to HealthHandlers.Live later.</summary>
    private static readonly (string, string)[] StandaloneOnly = [("get", "api/health/live")];

    [Fact]
    public void Every_route_of_the_committed_openapi_document_has_an_azure_trigger()
    {
        var triggers = AzureTriggers();
        Assert.Contains(("post", "api/referrals"), triggers);
        Assert.Contains(("get", "signing/{token}"), triggers);
        Assert.Contains(("post", "signing/{token}"), triggers);
        Assert.Contains(("get", "api/openapi/v1.json"), triggers);
        Assert.Contains(("get", "api/docs"), triggers);
        Assert.Equal(triggers.Count, triggers.Distinct().Count());

        var document = RepositoryFiles.Path("docs/openapi.v1.json");
        if (!File.Exists(document)) return; // committed with the API; from then on every route is checked
        var paths = JsonDocument.Parse(File.ReadAllText(document)).RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (m.Name.ToLowerInvariant(), p.Name.TrimStart('/'))))
            .ToList();
        Assert.NotEmpty(documented);
        Assert.Empty(documented.Except(triggers).Except(StandaloneOnly));
        Assert.Empty(triggers.Except(documented).Except([("get", "api/openapi/v1.json"), ("get", "api/docs")]));
    }

    [Fact]
    public void Every_orchestration_function_name_is_bound_by_a_trigger()
    {
        var source = string.Concat(Directory.GetFiles(RepositoryFiles.Path("src/Functions/Azure"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var name in new[] { "Orchestrator", "NextDue", "FireDueTimers", "DeliverOutbox", "Sweep" })
            Assert.Contains($"[Function(ReferralClockNames.{name})]", source);
        Assert.Contains("[OrchestrationTrigger] TaskOrchestrationContext", source);
        Assert.Equal(3, Regex.Count(source, @"\[ActivityTrigger\]"));
    }

    /// <summary>Options classes: a type with <c>public const string Section</c>, and its settable properties.</summary>
    private static IEnumerable<(string Section, PropertyInfo Property)> BoundSettings() =>
        from type in typeof(ReferralClockOrchestration).Assembly.GetTypes()
        let field = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
        where field is { IsLiteral: true } && field.FieldType == typeof(string)
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod is { IsPublic: true }
        select ((string)field.GetRawConstantValue()!, property);

    private static List<(string Method, string Route)> AzureTriggers()
    {
        var files = Directory.GetFiles(RepositoryFiles.Path("src/Functions/Azure/Http"), "*.cs");
        return files.SelectMany(f => TriggerPattern().Matches(File.ReadAllText(f)))
            .Select(m => (m.Groups["method"].Value, m.Groups["route"].Value))
            .ToList();
    }

    [GeneratedRegex("""HttpTrigger\(AuthorizationLevel\.Anonymous, "(?<method>[a-z]+)", Route = "(?<route>[^"]+)"\)""")]
    private static partial Regex TriggerPattern();
}
