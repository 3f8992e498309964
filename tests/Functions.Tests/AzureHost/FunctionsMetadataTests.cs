using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Functions.Clock;
using Referrals.Functions.Tests.Api;

namespace Referrals.Functions.Tests.AzureHost;

/// <summary>The Azure Functions build's output (built by scripts/test before these tests, with
/// -p:AzureFunctions=true, into the artifacts path of Directory.Build.props) against the standalone host:
/// the same HTTP routes and methods under the same names, the clock's functions, and the files the
/// Functions host needs next to the app.</summary>
public sealed class FunctionsMetadataTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Served by both hosts, but differently: the standalone host generates the OpenAPI document
    /// and maps Scalar's endpoints (page, its scripts); the Functions host serves the committed document and
    /// its own page with Scalar's bundled script. Both sets stay out of the OpenAPI description.</summary>
    private static readonly (string Method, string Route)[] ServedDifferently =
        [("GET", "api/openapi/v1.json"), ("GET", "api/docs"), ("GET", "api/docs/scalar.js")];

    [Fact]
    public void The_output_holds_host_json_the_function_metadata_and_the_extensions()
    {
        var output = AzureBuild.OutputDirectory;
        foreach (var file in new[] { "host.json", "functions.metadata", "extensions.json", "worker.config.json", "Referrals.Functions.dll" })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing from {output}");
        Assert.Equal(RepositoryFiles.Read("src/Functions/host.json"), File.ReadAllText(Path.Combine(output, "host.json")));
        var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "extensions.json"))).RootElement.GetProperty("extensions");
        Assert.Contains(extensions.EnumerateArray(), e => e.GetProperty("name").GetString() == "DurableTask");
        Assert.True(File.Exists(Path.Combine(output, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")));
    }

    [Fact]
    public void Its_http_functions_are_exactly_the_standalone_hosts_routes_methods_and_names()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var standalone = Described(endpoints, described: true);
        var azure = AzureBuild.Functions()
            .SelectMany(f => f.Http is { } http ? http.Methods.Select(m => (Method: m, http.Route, f.Name)) : [])
            .ToList();
        Assert.Equal(azure.Count, azure.Select(a => (a.Method, a.Route)).Distinct().Count());

        var azureApi = azure.Where(a => !ServedDifferently.Contains((a.Method, a.Route))).Order().ToList();
        Assert.True(standalone.Count >= 24, $"only {standalone.Count} standalone routes");
        Assert.Equal(standalone.Order().ToList(), azureApi);

        // The rest: served by both, each Functions route matching one of the standalone host's undescribed endpoints.
        var undescribed = Described(endpoints, described: false);
        foreach (var (method, route) in ServedDifferently)
        {
            Assert.Contains(azure, a => a.Method == method && a.Route == route);
            Assert.True(undescribed.Any(u => u.Method == method && Matches(u.Route, route)),
                $"{method} {route} has no standalone counterpart among {string.Join(", ", undescribed.Select(u => $"{u.Method} {u.Route}"))}");
        }
    }

    [Fact]
    public void The_orchestrator_the_activities_and_the_sweeps_are_functions_with_their_triggers()
    {
        var functions = AzureBuild.Functions().ToDictionary(f => f.Name, f => f.TriggerType);
        Assert.Equal("orchestrationTrigger", functions.GetValueOrDefault(ReferralClockNames.Orchestrator));
        Assert.NotEmpty(ReferralClockNames.Activities);
        foreach (var activity in ReferralClockNames.Activities)
            Assert.Equal("activityTrigger", functions.GetValueOrDefault(activity));
        Assert.Equal("timerTrigger", functions.GetValueOrDefault(ReferralClockNames.Sweep));
        Assert.Equal("timerTrigger", functions.GetValueOrDefault(global::Referrals.Functions.Reports.ReportMarkSweep.FunctionName));
        // Nothing else: every function is HTTP or one of these.
        var clock = ReferralClockNames.Activities.Append(ReferralClockNames.Orchestrator).Append(ReferralClockNames.Sweep)
            .Append(global::Referrals.Functions.Reports.ReportMarkSweep.FunctionName).ToHashSet();
        Assert.Empty(functions.Where(f => f.Value != "httpTrigger" && !clock.Contains(f.Key)).Select(f => f.Key));
    }

    private static List<(string Method, string Route, string Name)> Described(IEnumerable<RouteEndpoint> endpoints, bool described) =>
        endpoints
            .Where(e => (e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true) == described)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => (Method: m.ToUpperInvariant(), Route: e.RoutePattern.RawText!.Trim('/'),
                    Name: e.Metadata.GetMetadata<EndpointNameMetadata>()?.EndpointName ?? "")))
            .ToList();

    private static bool Matches(string template, string path) =>
        new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary()).TryMatch("/" + path, new RouteValueDictionary());
}

/// <summary>The Azure Functions build's output folder and its functions.metadata.</summary>
internal static class AzureBuild
{
    public sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods);

    public sealed record FunctionEntry(string Name, string TriggerType, HttpTrigger? Http);

    private static readonly Lazy<string> Output = new(Find);

    public static string OutputDirectory => Output.Value;

    public static IEnumerable<FunctionEntry> Functions()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "functions.metadata")));
        var list = new List<FunctionEntry>();
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            var type = trigger.GetProperty("type").GetString()!;
            HttpTrigger? http = null;
            if (type == "httpTrigger")
            {
                Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString()); // the app authenticates itself
                http = new HttpTrigger(trigger.GetProperty("route").GetString()!,
                    trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList());
            }
            list.Add(new FunctionEntry(function.GetProperty("name").GetString()!, type, http));
        }
        return list;
    }

    private static string Find()
    {
        var output = typeof(AzureBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AzureFunctionsOutput").Value!;
        Assert.True(File.Exists(Path.Combine(output, "functions.metadata")),
            $"No Azure Functions build in {output}: run ./scripts/test, or dotnet build src/Functions -p:AzureFunctions=true first.");
        return output;
    }
}
