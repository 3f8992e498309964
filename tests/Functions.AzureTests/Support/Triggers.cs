using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Referrals.Functions.Edge;
using Referrals.Functions.Review;
using Referrals.Functions.Attachments;
using Referrals.Functions.Referrals;
using Referrals.Functions.Clients;
using Referrals.Functions.Operations;
using Referrals.Functions.Decisions;
using Referrals.Functions.FollowUp;
using Referrals.Functions.Reports;
using Referrals.Functions.OpenApi;
using Referrals.Functions.Signing;

namespace Referrals.Functions.AzureTests.Support;

/// <summary>An HTTP function of the Azure build: its [Function] name, its method and its [HttpTrigger].</summary>
public sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Methods)
{
    public override string ToString() => Name;
}

/// <summary>A request, the same for both hosts.</summary>
public sealed record TestRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[]? Body, string? ContentType);

/// <summary>What came back: status, headers (case-insensitive names) and body.</summary>
public sealed record TestResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>The Azure build's HTTP functions found by reflection, and a way to call one as the Functions
/// worker's ASP.NET Core integration does: the request routed by the function's route under host.json's
/// routePrefix (an endpoint on the context, as the worker's endpoint data source builds it), route values
/// bound to the method's parameters by name, the [DurableClient] and the FunctionContext supplied, and the
/// returned IActionResult executed into the response.</summary>
public static class Triggers
{
    public static IReadOnlyList<HttpFunction> Http { get; } = Discover();

    /// <summary>extensions.http.routePrefix of the host.json in the Azure build's output (the worker's default is "api").</summary>
    public static string RoutePrefix { get; } = ReadRoutePrefix();

    public static HttpFunction Named(string name) => Http.Single(f => f.Name == name);

    public static Mock<DurableTaskClient> DurableClient()
    {
        var client = new Mock<DurableTaskClient>(MockBehavior.Loose, "test-hub") { DefaultValue = DefaultValue.Mock };
        return client;
    }

    public static async Task<TestResponse> InvokeAsync(HttpFunction function, IServiceProvider services, TestRequest request, DurableTaskClient client)
    {
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var queryAt = request.PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        http.Request.Method = request.Method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.Path = queryAt < 0 ? request.PathAndQuery : request.PathAndQuery[..queryAt];
        http.Request.QueryString = queryAt < 0 ? QueryString.Empty : new QueryString(request.PathAndQuery[queryAt..]);
        foreach (var (name, value) in request.Headers) http.Request.Headers[name] = value;
        if (request.Body is { } body)
        {
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
            http.Request.ContentType = request.ContentType;
        }
        http.Response.Body = new MemoryStream();

        var pattern = RoutePatternFactory.Parse($"{RoutePrefix}/{function.Route}");
        var values = new RouteValueDictionary();
        Assert.True(new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary()).TryMatch(http.Request.Path, values),
            $"{request.Method} {http.Request.Path} does not reach {function.Name} at '{pattern.RawText}' (host.json routePrefix '{RoutePrefix}')");
        Assert.Contains(request.Method, function.Methods, StringComparer.OrdinalIgnoreCase);
        http.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, pattern, 0,
            new EndpointMetadataCollection(new HttpMethodMetadata(function.Methods)), function.Name));
        http.Request.RouteValues = values;

        var functionContext = new Mock<FunctionContext>();
        functionContext.SetupGet(c => c.CancellationToken).Returns(http.RequestAborted);
        functionContext.SetupGet(c => c.FunctionId).Returns(function.Name);
        functionContext.SetupGet(c => c.InstanceServices).Returns(scope.ServiceProvider);
        var arguments = function.Method.GetParameters().Select(object? (p) =>
            p.ParameterType == typeof(HttpRequest) ? http.Request
            : p.ParameterType == typeof(DurableTaskClient) ? client
            : p.ParameterType == typeof(FunctionContext) ? functionContext.Object
            : p.ParameterType == typeof(string) && values.TryGetValue(p.Name!, out var value) ? value?.ToString()
            : throw new InvalidOperationException($"{function.Name}: the Functions host binds nothing to parameter {p.Name} ({p.ParameterType.Name})"))
            .ToArray();

        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
        var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        var action = returned switch
        {
            Task<IActionResult> task => await task,
            IActionResult result => result,
            _ => throw new InvalidOperationException($"{function.Name} returned {returned?.GetType().Name ?? "null"}, not an IActionResult"),
        };
        await action.ExecuteResultAsync(new ActionContext(http, new RouteData(values), new ActionDescriptor()));

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in http.Response.Headers) headers[name] = value.ToString();
        return new TestResponse(http.Response.StatusCode, headers, ((MemoryStream)http.Response.Body).ToArray());
    }

    private static List<HttpFunction> Discover() =>
        (from type in typeof(ScalarAssets).Assembly.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         where function is not null
         let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
         where trigger is not null
         select new HttpFunction(function.Name, method, trigger.Route ?? function.Name,
             (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList()))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToList();

    private static string ReadRoutePrefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzureOutput.Folder, "host.json")));
        return host.RootElement.TryGetProperty("extensions", out var extensions)
               && extensions.TryGetProperty("http", out var httpSection)
               && httpSection.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? "api"
            : "api";
    }
}

/// <summary>The Azure build's output folder (bin/Functions/… under the artifacts path of Directory.Build.props).</summary>
public static class AzureOutput
{
    private static readonly Lazy<string> Found = new(() =>
    {
        var output = typeof(AzureOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AzureFunctionsOutput").Value!;
        Assert.True(File.Exists(Path.Combine(output, "host.json")), $"No Azure Functions build in {output}");
        return output;
    });

    public static string Folder => Found.Value;
}
