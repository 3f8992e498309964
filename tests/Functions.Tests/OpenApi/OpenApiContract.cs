using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Referrals.Functions.Tests.OpenApi;

/// <summary>The served OpenAPI document as a validator: which operation a request is, whether the answer's
/// status and media type are documented for it, and whether its body validates (JSON Schema 2020-12,
/// JsonSchema.Net) against the documented schema. The components become the schema's <c>$defs</c>.</summary>
public sealed class OpenApiContract
{
    private readonly JsonObject document;
    private readonly List<(Regex Path, string Template)> paths;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);
    private readonly string defs;

    public OpenApiContract(string documentJson)
    {
        document = JsonNode.Parse(documentJson)!.AsObject();
        paths = document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^/]+?}", "[^/]+") + "$"), p.Key))
            .OrderBy(p => p.Key.Count(c => c == '{'))
            .ToList();
        defs = Rewrite(document["components"]?["schemas"]?.ToJsonString() ?? "{}");
    }

    /// <summary>Every documented (method, path template).</summary>
    public IEnumerable<string> Operations => document["paths"]!.AsObject()
        .SelectMany(p => p.Value!.AsObject().Where(o => o.Key != "parameters").Select(o => Operation(o.Key, p.Key)));

    public static string Operation(string method, string template) => $"{method.ToUpperInvariant()} {template}";

    /// <summary>The template a concrete path matches, or null.</summary>
    public string? TemplateOf(string path) => paths.FirstOrDefault(p => p.Path.IsMatch(path)).Template;

    /// <summary>What is wrong with this answer by the document; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, MediaTypeHeaderValue? contentType, string body)
    {
        var template = TemplateOf(path);
        if (template is null) return [$"{method} {path}: no documented path"];
        var operation = document["paths"]![template]![method.ToLowerInvariant()];
        if (operation is null) return [$"{method} {template}: method not documented"];
        var response = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var where = $"{method} {template} {status}";
        if (response is null) return [$"{where}: status not documented"];
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0) return body.Length == 0 || contentType is null ? [] : [$"{where}: a body where none is documented"];
        var media = contentType?.MediaType ?? "";
        var documented = content.FirstOrDefault(c => string.Equals(c.Key, media, StringComparison.OrdinalIgnoreCase));
        if (documented.Value is null) return [$"{where}: media type {media} not documented ({string.Join(", ", content.Select(c => c.Key))})"];
        if (!media.EndsWith("json", StringComparison.OrdinalIgnoreCase) || documented.Value["schema"] is not { } schemaNode) return [];

        var schema = schemas.GetOrAdd(schemaNode.ToJsonString(), Build);
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [$"{where}: {string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5).Select(d => $"{d.InstanceLocation} {string.Join(", ", d.Errors!.Values)}"))}"];
    }

    private JsonSchema Build(string schemaJson)
    {
        var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{defs}},"allOf":[{{Rewrite(schemaJson)}}]}""";
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:referrals:contract:{Guid.NewGuid():N}"));
    }

    private static string Rewrite(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
}

/// <summary>Checks every answer the client receives against the document and keeps what it saw.</summary>
public sealed class ContractCheckingHandler(OpenApiContract contract) : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
{
    public ConcurrentQueue<string> Violations { get; } = new();
    public ConcurrentDictionary<string, ConcurrentBag<int>> Seen { get; } = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        foreach (var v in contract.Check(request.Method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType, body))
            Violations.Enqueue(v);
        if (contract.TemplateOf(path) is { } template)
            Seen.GetOrAdd(OpenApiContract.Operation(request.Method.Method, template), _ => []).Add((int)response.StatusCode);
        return response;
    }
}
