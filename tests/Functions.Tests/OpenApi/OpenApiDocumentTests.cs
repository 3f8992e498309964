using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.OpenApi;

/// <summary>The OpenAPI document is complete (every route, a request example, the problem responses)
/// and the committed copy docs/openapi.v1.json is what the host serves. To refresh the copy after an
/// intended change: REFERRALS_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests.</summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string CommittedPath = Path.Combine(DevServices.RepositoryRoot, "docs", "openapi.v1.json");

    private async Task<string> ServedAsync() => await factory.ClientWith(null).GetStringAsync("/api/openapi/v1.json");

    private static string Normalised(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    [Fact]
    public async Task The_committed_copy_matches_what_the_host_serves()
    {
        var served = Normalised(await ServedAsync());
        if (Environment.GetEnvironmentVariable("REFERRALS_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(CommittedPath, served);
        Assert.True(File.Exists(CommittedPath), $"{CommittedPath} is missing: run with REFERRALS_UPDATE_OPENAPI=1");
        var committed = await File.ReadAllTextAsync(CommittedPath);
        Assert.True(committed == served,
            "docs/openapi.v1.json differs from the served document; if the change is intended, refresh it with REFERRALS_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests");
    }

    [Fact]
    public async Task Every_route_is_documented_with_examples_and_problems()
    {
        var document = JsonNode.Parse(await ServedAsync())!;
        var paths = document["paths"]!.AsObject();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal) || r.Path.StartsWith("/signing/", StringComparison.Ordinal))
            .ToList();
        Assert.True(routes.Count >= 24, $"only {routes.Count} routes");
        foreach (var (path, methods) in routes)
        foreach (var method in methods)
        {
            var operation = paths[path]?[method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is not in the document");
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/api/health", StringComparison.Ordinal)) continue;
            var responses = operation!["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("401"), $"{method} {path} lacks 401");
            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4')))
                Assert.True(response!["content"]?["application/problem+json"]?["example"] is not null, $"{method} {path} {status} lacks a problem example");
            if (operation["requestBody"]?["content"]?["application/json"] is { } body)
                Assert.True(body["example"] is not null, $"{method} {path} lacks a request example");
        }
        Assert.NotNull(document["components"]!["securitySchemes"]!["Bearer"]);
    }
}
